using Confluent.Kafka;

namespace Platform.Relay.Records;

/// <summary>A Kafka record built from an outbox row: where it goes, what it carries, and the trace context the row stored.</summary>
/// <param name="Topic">Routed topic.</param>
/// <param name="Message">Key, value, headers (without tracing headers) and timestamp.</param>
/// <param name="TraceParent">The row's stored <c>traceparent</c>, or null: the parent of the publish span.</param>
/// <param name="TraceState">The row's stored <c>tracestate</c>, or null.</param>
public sealed record OutboxRecord(string Topic, Message<byte[], byte[]> Message, string? TraceParent = null, string? TraceState = null);
