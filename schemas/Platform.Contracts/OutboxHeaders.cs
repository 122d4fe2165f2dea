namespace Platform.Contracts;

/// <summary>
/// Kafka header names every relayed record carries. Both relays (Debezium's Outbox Event Router
/// with the settings in connectors/, and the embedded relay) write these; values are plain UTF-8
/// text, as Kafka Connect's SimpleHeaderConverter writes them.
/// </summary>
public static class OutboxHeaders
{
    /// <summary>The event id (outbox <c>id</c> column); consumers deduplicate by it. Debezium's default <c>table.field.event.id</c> header.</summary>
    public const string EventId = "id";

    /// <summary>The event type (outbox <c>type</c> column), e.g. <c>OrderPlaced</c>.</summary>
    public const string EventType = "eventType";

    /// <summary>The aggregate's sequence number of this event (outbox <c>sequence</c> column), starting at 1.</summary>
    public const string Sequence = "sequence";

    /// <summary>W3C trace context of the transaction that wrote the event.</summary>
    public const string TraceParent = "traceparent";
}
