namespace Relay.Tests;

/// <summary>An outbox row a test writes.</summary>
internal sealed record TestEvent(
    Guid Id, string AggregateType, string AggregateId, string Type, byte[] Payload, DateTime Timestamp, string? TracingSpanContext, long Sequence)
{
    public static TestEvent For(string aggregateType, string aggregateId, long sequence) =>
        new(Guid.NewGuid(), aggregateType, aggregateId, "OrderPlaced", [1, 2, 3], DateTime.UtcNow, null, sequence);
}
