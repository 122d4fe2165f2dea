namespace Fault.Harness;

/// <summary>What the ledger check found once load stopped and the platform settled.</summary>
public sealed record LedgerResult
{
    /// <summary>Orders the API accepted (201 or a replayed 200).</summary>
    public int AcceptedOrders { get; init; }

    /// <summary>Accepted orders still Placed after the settle timeout (must be 0).</summary>
    public long NotTerminal { get; init; }

    /// <summary>Accepted orders Confirmed.</summary>
    public long Confirmed { get; init; }

    /// <summary>Accepted orders Cancelled (payment declined or stock rejected).</summary>
    public long Cancelled { get; init; }

    /// <summary>Orders in the database whose placing never got an answer within its retries (informational: the API committed them, the client never learned it).</summary>
    public long Unanswered { get; init; }

    /// <summary>Outbox rows committed in the three event-writing databases (Retain mode keeps them all).</summary>
    public long CommittedEvents { get; init; }

    /// <summary>Records of the event topics read while the run went on.</summary>
    public long KafkaRecords { get; init; }

    /// <summary>Records whose event id Kafka already held: redeliveries the consumers' inboxes absorb.</summary>
    public long DuplicateDeliveries { get; init; }

    /// <summary>Offsets of the event topics the broker had dropped before they were read (retention; informational, the lost count says whether an event is missing).</summary>
    public long SkippedOffsets { get; init; }

    /// <summary>Committed outbox events with no record in Kafka (must be 0).</summary>
    public long LostEvents { get; init; }

    /// <summary>An effect applied twice: an aggregate with two events of one type (two authorizations, two reservations, two confirmations), or stock that does not add up (must be 0).</summary>
    public long DuplicateEffects { get; init; }

    /// <summary>Accepted orders without a payment decision or a stock decision (must be 0).</summary>
    public long MissingEffects { get; init; }

    /// <summary>Events a consumer applied after a later event of the same aggregate (must be 0).</summary>
    public long OutOfOrder { get; init; }

    /// <summary>Sequence gaps the consumers reported (informational: an event type a consumer has no handler for also leaves one).</summary>
    public long SequenceGaps { get; init; }

    /// <summary>Lines of the processes' logs that carry the load's API key or the Kafka password every process was given (must be 0).</summary>
    public long SecretLines { get; init; }

    /// <summary>Records parked in dead-letter topics (must be 0: the load sends only valid orders).</summary>
    public long DeadLettered { get; init; }

    /// <summary>Human-readable failures of the invariants; empty when all hold.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];
}
