namespace Platform.Domain;

/// <summary>
/// An event with the aggregate sequence number it was raised at and the W3C trace context current
/// then (<c>traceparent</c>, and <c>tracestate</c> when set; null outside a trace), so that its
/// outbox row continues the trace of the operation that changed the aggregate.
/// </summary>
public sealed record RaisedEvent(IDomainEvent Event, long Sequence, string? TraceParent = null, string? TraceState = null);
