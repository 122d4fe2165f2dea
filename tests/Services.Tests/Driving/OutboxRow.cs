namespace Services.Tests.Driving;

/// <summary>A row of a service's outbox, read in Retain mode.</summary>
internal sealed record OutboxRow(string AggregateType, string AggregateId, string Type, long Sequence, byte[] Payload);
