namespace Platform.Operations.Replay;

/// <summary>What a consumer's pipeline did with the delivered records of one event type.</summary>
public sealed class ReplayOutcomeCounts
{
    /// <summary>Applied: effect and inbox row committed.</summary>
    public long Applied { get; set; }

    /// <summary>Already in the inbox: nothing changed.</summary>
    public long Duplicates { get; set; }

    /// <summary>No handler for the type: skipped.</summary>
    public long UnknownType { get; set; }

    /// <summary>Parked in the consumer's dead-letter topic.</summary>
    public long DeadLettered { get; set; }
}
