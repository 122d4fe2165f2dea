namespace Platform.Replay;

/// <summary>Counts of one source topic in a replay run.</summary>
public sealed class ReplayTopicStats
{
    /// <summary>Records read from the topic.</summary>
    public long Read { get; set; }

    /// <summary>Records the filter selected.</summary>
    public long Matched { get; set; }

    /// <summary>Records applied by a consumer's pipeline.</summary>
    public long Applied { get; set; }

    /// <summary>Records the pipeline's inbox already had.</summary>
    public long Duplicates { get; set; }

    /// <summary>Records re-published and acknowledged by Kafka.</summary>
    public long Published { get; set; }

    /// <summary>Records selected but not applied (unknown type, dead-lettered) or counted only (dry run).</summary>
    public long Skipped { get; set; }

    /// <summary>Matched records per event type (the dry run's answer).</summary>
    public Dictionary<string, long> ByEventType { get; } = new(StringComparer.Ordinal);
}
