namespace Platform.Persistence.Outbox;

/// <summary>One row of the outbox table: an event waiting to be relayed to Kafka.</summary>
public sealed class OutboxMessage
{
    /// <summary>Event id (UUID v7); the Kafka header <c>id</c>, by which consumers deduplicate.</summary>
    public Guid Id { get; init; }

    /// <summary>Routes the event to its topic, e.g. <c>order</c> to <c>order.events</c>.</summary>
    public required string AggregateType { get; init; }

    /// <summary>The Kafka key: one aggregate's events share a partition and stay in order.</summary>
    public required string AggregateId { get; init; }

    /// <summary>Stable event type string, e.g. <c>OrderPlaced</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The serialized event (Protobuf); the Kafka record value, unchanged.</summary>
    public required byte[] Payload { get; init; }

    /// <summary>When the event happened, UTC; the Kafka record timestamp.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>W3C trace context as java.util.Properties text (<c>traceparent=...</c>), or null.</summary>
    public string? TracingSpanContext { get; init; }

    /// <summary>The aggregate's sequence number of this event: 1, 2, 3...</summary>
    public long Sequence { get; init; }
}
