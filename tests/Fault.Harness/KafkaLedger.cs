using Confluent.Kafka;
using Platform.Operations.Replay;

namespace Fault.Harness;

/// <summary>Counts and positions of what Kafka holds (the records themselves are read by <see cref="DeliveryTap"/>).</summary>
public static class KafkaLedger
{
    /// <summary>Records in the given (dead-letter) topics, without reading them.</summary>
    public static long Count(string bootstrapServers, IEnumerable<string> topics)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "fault-harness-count" }).SetLogHandler(HarnessKafkaLog.Write).Build();
        return Partitions(bootstrapServers, topics).Sum(partition =>
        {
            var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
            return marks.High.Value - marks.Low.Value;
        });
    }

    /// <summary>
    /// Where a reader should start to see only records written from now on, for partitions 0 to
    /// <paramref name="partitions"/> - 1 of each of <paramref name="topics"/>: each existing partition's high
    /// watermark, and the beginning of a partition that does not exist yet (everything it will hold is new).
    /// Explicit offsets, not <c>Offset.End</c>: a logical end resolved after the topic appears could skip its first records.
    /// </summary>
    public static List<TopicPartitionOffset> EndOffsets(string bootstrapServers, IReadOnlyCollection<string> topics, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "fault-harness-count" }).SetLogHandler(HarnessKafkaLog.Write).Build();
        var existing = Partitions(bootstrapServers, topics).ToHashSet();
        return [.. topics.SelectMany(topic => Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p))).Select(tp => existing.Contains(tp)
            ? new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High)
            : new TopicPartitionOffset(tp, Offset.Beginning))];
    }

    /// <summary>
    /// True when <paramref name="probe"/>'s group (a consumer of that group id that never joins it)
    /// has committed at least <paramref name="marks"/> on every partition that then held records;
    /// false while the coordinator cannot be asked.
    /// </summary>
    public static bool CommittedAtLeast(IConsumer<byte[], byte[]> probe, IReadOnlyCollection<TopicPartitionOffset> marks)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(marks);
        try
        {
            var committed = probe.Committed(marks.Select(m => m.TopicPartition), TimeSpan.FromSeconds(10)).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
            // A mark of 0 or below (Offset.Beginning: the partition did not exist) asks for nothing.
            return marks.All(m => m.Offset.Value <= 0 || committed[m.TopicPartition] >= m.Offset.Value);
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    // The partitions of those topics that exist (a dead-letter topic exists once something was parked).
    private static List<TopicPartition> Partitions(string bootstrapServers, IEnumerable<string> topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).SetLogHandler(HarnessKafkaLog.Write).Build();
        return ExistingPartitions.Of(admin, topics, TimeSpan.FromSeconds(10));
    }
}
