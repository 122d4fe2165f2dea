using System.Text;
using Confluent.Kafka;

namespace Testing.Tests;

/// <summary>
/// The Kafka fixture is a real Kafka-protocol cluster (the given one, or librdkafka's mock
/// cluster). Covers: idempotent produce with acks=all, a consumer group that commits offsets by
/// hand, and a second member of the group resuming after the committed offset. Does not cover
/// transactions or rebalancing.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class KafkaFixtureTests
{
    [Test]
    public async Task a_consumer_group_resumes_after_its_manually_committed_offset()
    {
        var topic = await TestKafka.CreateTopicAsync("roundtrip", partitions: 1);
        var group = TestNames.Unique("group");
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                // Every key on partition 0 so that offsets give a total order.
                var result = await producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string>
                {
                    Key = "order-1",
                    Value = $"event-{i}",
                    Headers = [new Header("id", Encoding.UTF8.GetBytes($"id-{i}"))],
                });
                Assert.That(result.Status, Is.EqualTo(PersistenceStatus.Persisted));
            }
        }

        var first = ConsumeAndCommit(topic, group, count: 4);
        var second = ConsumeAndCommit(topic, group, count: 6);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(Enumerable.Range(0, 4).Select(i => $"event-{i}")));
            Assert.That(second, Is.EqualTo(Enumerable.Range(4, 6).Select(i => $"event-{i}")));
        });
    }

    private static List<string> ConsumeAndCommit(string topic, string group, int count)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
            // The mock cluster lets a departed member's partitions go only when its session
            // times out, so the next member waits this long at most.
            SessionTimeoutMs = 6000,
        }).Build();
        consumer.Subscribe(topic);
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (values.Count < count && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            Assert.That(Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("id")), Is.EqualTo("id-" + record.Message.Value[6..]));
            values.Add(record.Message.Value);
            consumer.Commit(record);
        }

        consumer.Close();
        return values;
    }
}
