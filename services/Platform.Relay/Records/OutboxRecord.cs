using Confluent.Kafka;

namespace Platform.Relay.Records;

/// <summary>A Kafka record built from an outbox row: where it goes and what it carries.</summary>
/// <param name="Topic">Routed topic.</param>
/// <param name="Message">Key, value, headers and timestamp.</param>
public sealed record OutboxRecord(string Topic, Message<byte[], byte[]> Message);
