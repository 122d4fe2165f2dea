using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Relay.Tests;

/// <summary>
/// Runs tests/conformance/outbox-router-cases.json through the real relay (CDC, then polling)
/// against real PostgreSQL and the Kafka fixture, and compares every record byte for byte:
/// topic, partition (as Kafka Connect's Java producer would pick it), key, value, headers in
/// order, timestamp and its type. The cases use fixed topics (order.events, ...), so this
/// fixture runs alone and reads only what was produced after it started. Does not run Debezium
/// itself: the same file drives that run elsewhere.
/// </summary>
[NonParallelizable]
public class ConformanceTests
{
    [TestCase("Cdc")]
    [TestCase("Polling")]
    public async Task the_relay_produces_every_conformance_case_exactly_as_debezium_does(string mode)
    {
        var cases = ConformanceCase.Load();
        await using var scenario = await RelayScenario.CreateAsync("conformance-" + mode, requireLogical: mode == "Cdc");
        var start = await StartOffsetsAsync(cases);
        await scenario.StartRelayAsync(mode);

        // One transaction per case, in file order.
        foreach (var c in cases)
        {
            await Outbox.InsertCommittedAsync(scenario.ConnectionString, [c.ToEvent()]);
        }

        foreach (var group in cases.GroupBy(c => c.Expected.Topic))
        {
            var ids = group.Select(c => c.Row.Id).ToHashSet();
            var records = await TopicReader.ReadAsync(group.Key,
                read => ids.IsSubsetOf(read.Select(r => TopicReader.Header(r, "id"))), TimeSpan.FromSeconds(30), start[group.Key]);
            foreach (var c in group)
            {
                AssertRecord(c, records.First(r => TopicReader.Header(r, "id") == c.Row.Id));
            }
        }
    }

    private static void AssertRecord(ConformanceCase c, ConsumeResult<byte[], byte[]> record)
    {
        var expected = c.Expected;
        Assert.Multiple(() =>
        {
            Assert.That(record.Topic, Is.EqualTo(expected.Topic), c.Name + ": topic");
            Assert.That(record.Partition.Value, Is.EqualTo(expected.Partition), c.Name + ": partition");
            Assert.That(record.Message.Key, Is.EqualTo(Convert.FromBase64String(expected.KeyBase64)), c.Name + ": key");
            Assert.That(record.Message.Value, Is.EqualTo(Convert.FromBase64String(expected.ValueBase64)), c.Name + ": value");
            Assert.That(record.Message.Headers.Select(h => (h.Key, System.Text.Encoding.UTF8.GetString(h.GetValueBytes()))),
                Is.EqualTo(expected.Headers.Select(h => (h.Name, h.Value))), c.Name + ": headers in order");
            Assert.That(record.Message.Timestamp.UnixTimestampMs, Is.EqualTo(expected.TimestampMs), c.Name + ": timestamp");
            Assert.That(record.Message.Timestamp.Type.ToString(), Is.EqualTo(expected.TimestampType), c.Name + ": timestamp type");
        });
    }

    // Where each case topic ends now; on a real cluster the topics are created with the cases'
    // partition count (the mock cluster auto-creates them with 4, which the cases expect).
    private static async Task<Dictionary<string, Dictionary<int, long>?>> StartOffsetsAsync(IReadOnlyList<ConformanceCase> cases)
    {
        var result = new Dictionary<string, Dictionary<int, long>?>();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = TestKafka.BootstrapServers }).Build();
        foreach (var topic in cases.GroupBy(c => c.Expected.Topic))
        {
            var partitions = topic.First().Expected.Partitions;
            if (!TestKafka.IsMock)
            {
                try
                {
                    await admin.CreateTopicsAsync([new TopicSpecification { Name = topic.Key, NumPartitions = partitions, ReplicationFactor = -1 }]);
                }
                catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
                {
                    // Made by an earlier run.
                }
            }

            var metadata = admin.GetMetadata(topic.Key, TimeSpan.FromSeconds(10)).Topics.Single();
            if (metadata.Error.IsError || metadata.Partitions.Count == 0)
            {
                result[topic.Key] = null; // not created yet: everything in it will be ours
                continue;
            }

            if (metadata.Partitions.Count != partitions)
            {
                Assert.Inconclusive($"Topic {topic.Key} has {metadata.Partitions.Count} partitions; the conformance cases expect {partitions}.");
            }

            result[topic.Key] = TopicReader.EndOffsets(topic.Key, partitions);
        }

        return result;
    }
}
