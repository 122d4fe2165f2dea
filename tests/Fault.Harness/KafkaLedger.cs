using System.Text;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Replay;

namespace Fault.Harness;

/// <summary>
/// What Kafka holds, read from the start of each topic up to its end as of the read, with a
/// throwaway group that never commits (the services' groups are untouched).
/// </summary>
public sealed class KafkaLedger
{
    private KafkaLedger(Dictionary<Guid, int> deliveries, long records) => (Deliveries, Records) = (deliveries, records);

    /// <summary>How many records carry each event id (<c>id</c> header).</summary>
    public IReadOnlyDictionary<Guid, int> Deliveries { get; }

    /// <summary>Records read.</summary>
    public long Records { get; }

    /// <summary>Records whose event id appeared in an earlier record too (at-least-once redelivery by a relay).</summary>
    public long DuplicateRecords => Deliveries.Values.Sum(n => (long)n - 1);

    /// <summary>Reads every record of <paramref name="topics"/>.</summary>
    public static KafkaLedger Read(string bootstrapServers, IEnumerable<string> topics, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "fault-harness-ledger-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var partition in Partitions(bootstrapServers, topics))
        {
            var high = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            if (high > 0)
            {
                ends[partition] = high;
            }
        }

        consumer.Assign(ends.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var deliveries = new Dictionary<Guid, int>();
        long records = 0;
        var open = new HashSet<TopicPartition>(ends.Keys);
        var deadline = DateTime.UtcNow + timeout;
        while (open.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Kafka did not return every record within {timeout}; {open.Count} partitions unfinished.");
            }

            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record?.Message is null)
            {
                continue;
            }

            records++;
            if (record.Message.Headers.TryGetLastBytes(OutboxHeaders.EventId, out var id) && Guid.TryParse(Encoding.UTF8.GetString(id), out var eventId))
            {
                deliveries[eventId] = deliveries.GetValueOrDefault(eventId) + 1;
            }

            if (record.Offset.Value >= ends[record.TopicPartition] - 1)
            {
                open.Remove(record.TopicPartition);
            }
        }

        consumer.Close();
        return new KafkaLedger(deliveries, records);
    }

    /// <summary>Records in the given (dead-letter) topics, without reading them.</summary>
    public static long Count(string bootstrapServers, IEnumerable<string> topics)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "fault-harness-count" }).Build();
        return Partitions(bootstrapServers, topics).Sum(partition =>
        {
            var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
            return marks.High.Value - marks.Low.Value;
        });
    }

    /// <summary>
    /// Where a reader should start to see only records written from now on, for partitions 0 to
    /// <paramref name="partitions"/> - 1 of <paramref name="topic"/>: each existing partition's high
    /// watermark, and the beginning of a partition that does not exist yet (everything it will hold is new).
    /// Explicit offsets, not <c>Offset.End</c>: a logical end resolved after the topic appears could skip its first records.
    /// </summary>
    public static List<TopicPartitionOffset> EndOffsets(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "fault-harness-count" }).Build();
        var existing = Partitions(bootstrapServers, [topic]).ToHashSet();
        return [.. Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).Select(tp => existing.Contains(tp)
            ? new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High)
            : new TopicPartitionOffset(tp, Offset.Beginning))];
    }

    // The partitions of those topics that exist (a dead-letter topic exists once something was parked).
    private static List<TopicPartition> Partitions(string bootstrapServers, IEnumerable<string> topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        return ExistingPartitions.Of(admin, topics, TimeSpan.FromSeconds(10));
    }
}
