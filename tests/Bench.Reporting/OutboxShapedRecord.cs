using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Platform.Contracts;

namespace Bench.Reporting;

/// <summary>Kafka records shaped as the relay writes them, for benchmarks that feed consumers directly.</summary>
public static class OutboxShapedRecord
{
    /// <summary>Key = aggregate id, Protobuf value, a new UUID v7 <c>id</c>, <c>eventType</c> and <c>sequence</c> headers, timestamp now.</summary>
    public static Message<byte[], byte[]> Create(string aggregateId, string eventType, IMessage payload, long sequence)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(aggregateId),
            Value = payload.ToByteArray(),
            Headers = new Headers
            {
                { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
                { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(eventType) },
                { OutboxHeaders.Sequence, Encoding.UTF8.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)) },
            },
            Timestamp = new Timestamp(DateTime.UtcNow),
        };
    }
}
