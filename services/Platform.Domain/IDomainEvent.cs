namespace Platform.Domain;

/// <summary>
/// A fact about an aggregate, in the past tense. Raised through <see cref="AggregateRoot"/>, it
/// becomes an outbox row in the same save as the aggregate's change.
/// </summary>
public interface IDomainEvent
{
    /// <summary>Stable event type string written to the outbox <c>type</c> column (never a class name).</summary>
    string EventType { get; }

    /// <summary>When it happened.</summary>
    DateTimeOffset OccurredAt { get; }
}
