using Confluent.Kafka;

namespace Platform.Testing;

/// <summary>What a consumer group has committed, seen from outside the group.</summary>
public static class KafkaGroups
{
    /// <summary>
    /// True when <paramref name="group"/>'s committed offset equals the end of every partition of
    /// <paramref name="topics"/> that holds records: everything produced so far was processed.
    /// </summary>
    public static bool CommittedToEnd(string bootstrapServers, string group, IEnumerable<string> topics, int partitions = TestKafka.DefaultPartitions)
    {
        using var probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = group }).Build();
        var all = topics.SelectMany(t => Enumerable.Range(0, partitions).Select(p => new TopicPartition(t, p))).ToList();
        return probe.Committed(all, TimeSpan.FromSeconds(10)).All(committed =>
        {
            var high = probe.QueryWatermarkOffsets(committed.TopicPartition, TimeSpan.FromSeconds(10)).High.Value;
            return high == 0 || committed.Offset.Value == high;
        });
    }
}
