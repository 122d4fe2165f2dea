using Google.Protobuf;

namespace Services.Tests.Driving;

/// <summary>An outbox-shaped record a test produced, kept so it can be delivered again unchanged.</summary>
internal sealed record ProducedEvent(string Topic, string AggregateId, Guid EventId, string EventType, long Sequence, IMessage Message);
