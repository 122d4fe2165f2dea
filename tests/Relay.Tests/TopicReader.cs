using System.Text;
using Confluent.Kafka;

namespace Relay.Tests;

/// <summary>
/// Reads what was produced to a topic with Assign() on every partition and no group membership,
/// so nothing depends on group rebalancing and no offsets are committed.
/// </summary>
internal static class TopicReader
{
    public static string Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    /// <summary>Partitions of <paramref name="topic"/> once it exists.</summary>
    public static async Task<int> PartitionCountAsync(string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestKafka.BootstrapServers }).Build();
        var count = 0;
        await Eventually.WaitAsync(() =>
        {
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single();
            count = metadata.Error.IsError ? 0 : metadata.Partitions.Count;
            return Task.FromResult(count > 0);
        }, $"topic {topic} to exist", timeout);
        return count;
    }

    /// <summary>High watermark of every partition now: read from there to see only what comes next.</summary>
    public static Dictionary<int, long> EndOffsets(string topic, int partitions)
    {
        using var consumer = Build();
        // A fresh client knows no partition leaders yet; assigning makes it fetch them.
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.End)));
        return Enumerable.Range(0, partitions).ToDictionary(p => p, p => QueryHigh(consumer, new TopicPartition(topic, p)));
    }

    /// <summary>Records in the topic so far (sum of high watermarks), 0 while it does not exist.</summary>
    public static long Count(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestKafka.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single();
        return metadata.Error.IsError || metadata.Partitions.Count == 0 ? 0 : EndOffsets(topic, metadata.Partitions.Count).Values.Sum();
    }

    private static long QueryHigh(IConsumer<byte[], byte[]> consumer, TopicPartition partition)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value;
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_UnknownPartition && attempt < 50)
            {
                consumer.Consume(TimeSpan.FromMilliseconds(100)); // lets the client's metadata arrive
            }
        }
    }

    /// <summary>Consumes from <paramref name="from"/> (or the beginning) until <paramref name="done"/> holds, or times out.</summary>
    public static async Task<List<ConsumeResult<byte[], byte[]>>> ReadAsync(
        string topic, Func<IReadOnlyList<ConsumeResult<byte[], byte[]>>, bool> done, TimeSpan timeout, IReadOnlyDictionary<int, long>? from = null)
    {
        var partitions = await PartitionCountAsync(topic, timeout);
        return await Task.Run(() =>
        {
            using var consumer = Build();
            consumer.Assign(Enumerable.Range(0, partitions).Select(p =>
                new TopicPartitionOffset(topic, p, from is null ? Offset.Beginning : new Offset(from[p]))));
            var records = new List<ConsumeResult<byte[], byte[]>>();
            var deadline = DateTime.UtcNow + timeout;
            while (!done(records))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Read {records.Count} records from {topic} before the deadline; the condition never held.");
                }

                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record is { IsPartitionEOF: false })
                {
                    records.Add(record);
                }
            }

            return records;
        });
    }

    private static IConsumer<byte[], byte[]> Build() => new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
    {
        BootstrapServers = TestKafka.BootstrapServers,
        GroupId = TestNames.Unique("reader"),
        EnableAutoCommit = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
    }).Build();
}
