using Google.Protobuf;

namespace Platform.Persistence.Outbox;

/// <summary>A fact about an aggregate, in the past tense, that becomes an outbox row.</summary>
public interface IDomainEvent
{
    /// <summary>Stable event type string written to the outbox <c>type</c> column.</summary>
    string EventType { get; }

    /// <summary>When it happened.</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>The released contract message this event is serialized as.</summary>
    IMessage ToContract();
}
