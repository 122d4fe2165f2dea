namespace Platform.Persistence.Outbox;

/// <summary>An event with the aggregate sequence number it was raised at.</summary>
public sealed record RaisedEvent(IDomainEvent Event, long Sequence);
