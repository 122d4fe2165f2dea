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

    /// <summary>
    /// W3C <c>traceparent</c> of the relay's span for this record, a child of the context stored with
    /// the event. Present only when the relay traces (an OpenTelemetry SDK in the Connect worker, a
    /// listener in the embedded relay's process) and the row stored a context; then it comes first.
    /// </summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C <c>tracestate</c>, right after <see cref="TraceParent"/>, when the stored context has one.</summary>
    public const string TraceState = "tracestate";
}
