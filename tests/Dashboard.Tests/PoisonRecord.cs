using System.Text;
using Confluent.Kafka;
using Platform.Contracts;

namespace Dashboard.Tests;

/// <summary>An <c>OrderPlaced</c> record whose value is not Protobuf: every consumer of <c>order.events</c> parks it.</summary>
internal static class PoisonRecord
{
    /// <summary>Produces it to <see cref="Topics.OrderEvents"/>; returns its event id.</summary>
    public static async Task<string> ProduceAsync(string bootstrapServers)
    {
        var eventId = Guid.CreateVersion7().ToString();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();
        await producer.ProduceAsync(Topics.OrderEvents, new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()),
            Value = Encoding.UTF8.GetBytes("not protobuf"),
            Headers = new Headers
            {
                { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(eventId) },
                { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(OrderEventTypes.OrderPlaced) },
                { OutboxHeaders.Sequence, Encoding.UTF8.GetBytes("1") },
            },
        });
        return eventId;
    }
}
