using Confluent.Kafka;

namespace Operations.Tests;

/// <summary>Reads every record of a topic from outside (assign, no group commits), for assertions.</summary>
internal static class TopicReader
{
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            GroupId = TestNames.Unique("reader"),
            EnableAutoCommit = false,
        }).Build();
        var partitions = Enumerable.Range(0, TestKafka.DefaultPartitions).Select(p => new TopicPartition(topic, p)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var open = partitions.Where(p => ends[p] > 0).ToList();
        consumer.Assign(open.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var remaining = open.Sum(p => ends[p]);
        while (remaining > 0)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"Timed out reading {topic}.");
            records.Add(record);
            remaining--;
        }

        return records;
    }
}
