using Google.Protobuf;

namespace Platform.Messaging.Consuming;

/// <summary>A relayed outbox event as a consumer sees it, read from a Kafka record.</summary>
/// <param name="Topic">Topic it was consumed from.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Offset">Offset.</param>
/// <param name="AggregateId">The record key: the aggregate id.</param>
/// <param name="EventId">The <c>id</c> header, by which consumers deduplicate.</param>
/// <param name="EventType">The <c>eventType</c> header.</param>
/// <param name="Sequence">The aggregate's sequence number from the <c>sequence</c> header, when present.</param>
/// <param name="Timestamp">Record timestamp (UTC): the outbox row's <c>timestamp</c>, the same on every redelivery.</param>
/// <param name="Payload">The serialized event.</param>
/// <param name="TraceParent">W3C traceparent header, when present.</param>
public sealed record ConsumedEvent(
    string Topic,
    int Partition,
    long Offset,
    string AggregateId,
    Guid EventId,
    string EventType,
    long? Sequence,
    DateTime Timestamp,
    byte[] Payload,
    string? TraceParent)
{
    /// <summary>The payload decoded as <typeparamref name="TMessage"/>.</summary>
    /// <exception cref="InvalidEventException">The payload is not a valid <typeparamref name="TMessage"/>: no retry can fix it.</exception>
    public TMessage Decode<TMessage>(MessageParser<TMessage> parser) where TMessage : IMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(parser);
        try
        {
            return parser.ParseFrom(Payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidEventException($"payload is not a valid {typeof(TMessage).Name}: {ex.Message}", ex);
        }
    }
}
