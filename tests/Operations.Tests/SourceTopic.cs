using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Platform.Contracts;

namespace Operations.Tests;

/// <summary>
/// A test's own source topic filled with outbox-shaped records: key <c>order-{i % 10}</c>,
/// headers id, eventType (OrderPlaced / OrderConfirmed alternating), sequence, tenant (a/b),
/// record timestamps one second apart from <see cref="Start"/>; produced with murmur2 as the relay does.
/// </summary>
internal sealed class SourceTopic
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private SourceTopic(string name, IReadOnlyList<DeliveryResult<byte[]?, byte[]?>> records)
    {
        Name = name;
        Records = records;
    }

    public string Name { get; }

    public IReadOnlyList<DeliveryResult<byte[]?, byte[]?>> Records { get; }

    public static async Task<SourceTopic> CreateAsync(string purpose, int count)
    {
        var name = await TestKafka.CreateTopicAsync(purpose);
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        var results = new List<DeliveryResult<byte[]?, byte[]?>>();
        for (var i = 0; i < count; i++)
        {
            var headers = new Headers
            {
                { OutboxHeaders.EventId, Text(Guid.CreateVersion7().ToString()) },
                { OutboxHeaders.EventType, Text(i % 2 == 0 ? "OrderPlaced" : "OrderConfirmed") },
                { OutboxHeaders.Sequence, Text((i / 10 + 1).ToString(CultureInfo.InvariantCulture)) },
                { "tenant", Text(i % 3 == 0 ? "a" : "b") },
            };
            results.Add(await producer.ProduceAsync(name, new Message<byte[]?, byte[]?>
            {
                Key = Text($"order-{i % 10}"),
                Value = Text($"payload-{i}"),
                Headers = headers,
                Timestamp = new Timestamp(Start.AddSeconds(i)),
            }));
        }

        return new SourceTopic(name, results);
    }

    public static byte[] Text(string value) => Encoding.UTF8.GetBytes(value);
}
