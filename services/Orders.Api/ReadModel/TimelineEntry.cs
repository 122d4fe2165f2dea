namespace Orders.Api.ReadModel;

/// <summary>One event in an order's life, as the read model recorded it.</summary>
public sealed class TimelineEntry
{
    /// <summary>The event id (each event appears once).</summary>
    public Guid EventId { get; init; }

    /// <summary>The order it is about.</summary>
    public Guid OrderId { get; init; }

    /// <summary>Event type, e.g. <c>PaymentAuthorized</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>Topic it was read from.</summary>
    public required string Topic { get; init; }

    /// <summary>The emitting aggregate's sequence number.</summary>
    public long? Sequence { get; init; }

    /// <summary>When it happened (the record timestamp).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>What happened, in words.</summary>
    public required string Summary { get; init; }
}
