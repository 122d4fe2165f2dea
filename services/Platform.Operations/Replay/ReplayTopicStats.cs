namespace Platform.Operations.Replay;

/// <summary>Counts of one source topic in a replay run.</summary>
public sealed class ReplayTopicStats
{
    /// <summary>Records read from the topic.</summary>
    public long Read { get; set; }

    /// <summary>Records the filter selected.</summary>
    public long Matched { get; set; }

    /// <summary>Records applied by a consumer's pipeline (effect and inbox row committed).</summary>
    public long Applied => OutcomesByEventType.Values.Sum(c => c.Applied);

    /// <summary>Records the pipeline's inbox already had: nothing changed.</summary>
    public long Duplicates => OutcomesByEventType.Values.Sum(c => c.Duplicates);

    /// <summary>Records the pipeline has no handler for: skipped, as the live consumer skips them.</summary>
    public long UnknownType => OutcomesByEventType.Values.Sum(c => c.UnknownType);

    /// <summary>Records the pipeline could not apply and parked in its dead-letter topic (acknowledged by Kafka).</summary>
    public long DeadLettered => OutcomesByEventType.Values.Sum(c => c.DeadLettered);

    /// <summary>Records re-published and acknowledged by Kafka.</summary>
    public long Published { get; set; }

    /// <summary>Records counted only (dry run).</summary>
    public long Skipped { get; set; }

    /// <summary>Matched records per event type (the dry run's answer).</summary>
    public Dictionary<string, long> ByEventType { get; } = new(StringComparer.Ordinal);

    /// <summary>What a consumer's pipeline did, per event type (consumer delivery only); the topic's totals above are its sums.</summary>
    public Dictionary<string, ReplayOutcomeCounts> OutcomesByEventType { get; } = new(StringComparer.Ordinal);
}
