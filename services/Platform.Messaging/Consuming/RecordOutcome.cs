namespace Platform.Messaging.Consuming;

/// <summary>What happened to one consumed record; in every case its offset may then be committed.</summary>
public enum RecordOutcome
{
    /// <summary>The effect and the inbox row committed.</summary>
    Processed,

    /// <summary>The inbox already had the event: nothing was applied again.</summary>
    Duplicate,

    /// <summary>No handler for its event type: skipped.</summary>
    UnknownType,

    /// <summary>Parked in the dead-letter topic (acknowledged by Kafka).</summary>
    DeadLettered,
}
