namespace Platform.Persistence.Outbox;

/// <summary>Retained outbox rows by event time, optionally of some aggregates and event types.</summary>
/// <param name="From">First event time, inclusive (the row's <c>timestamp</c>).</param>
/// <param name="To">End event time, exclusive; null = no end.</param>
/// <param name="AggregateIds">Only these aggregate ids (the Kafka keys); empty = all.</param>
/// <param name="Types">Only these event types; empty = all.</param>
public sealed record OutboxRange(DateTimeOffset From, DateTimeOffset? To, IReadOnlyCollection<string> AggregateIds, IReadOnlyCollection<string> Types);
