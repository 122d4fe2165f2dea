namespace Platform.Persistence.Outbox;

/// <summary>
/// An event with the aggregate sequence number it was raised at and the W3C trace context
/// current then (java.util.Properties text, or null): its outbox row's <c>tracingspancontext</c>.
/// </summary>
public sealed record RaisedEvent(IDomainEvent Event, long Sequence, string? TraceContext = null);
