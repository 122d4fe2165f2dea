namespace Platform.Messaging.Consuming;

/// <summary>Outcome of <see cref="SequenceTracker.Observe"/>.</summary>
public enum SequenceCheck
{
    /// <summary>The next sequence number, or the first seen for the aggregate.</summary>
    InOrder,

    /// <summary>One or more sequence numbers were skipped.</summary>
    Gap,

    /// <summary>Not newer than the last one seen: a redelivery or a reordering.</summary>
    Behind,
}
