using Platform.Operations.Conformance;

namespace Relay.Tests;

/// <summary>
/// Runs the record contract (tests/conformance/outbox-router-cases.json) through the real relay
/// (CDC, then polling) against real PostgreSQL and the Kafka fixture with the same checker that
/// <c>platform connectors conformance</c> runs against Debezium: every record compared byte for
/// byte (topic, partition as Kafka Connect's Java producer picks it, key, value, headers in
/// order, timestamp and its type). The cases use fixed topics (order.events, ...), so this
/// fixture runs alone; the checker reads only what was produced after it started.
/// </summary>
[NonParallelizable]
public class ConformanceTests
{
    [TestCase("Cdc")]
    [TestCase("Polling")]
    public async Task the_relay_produces_every_conformance_case_exactly_as_debezium_does(string mode)
    {
        await using var scenario = await RelayScenario.CreateAsync("conformance-" + mode, requireLogical: mode == "Cdc");
        await scenario.StartRelayAsync(mode);

        var results = await OutboxConformance.RunAsync(new ConformanceRun(
            scenario.ConnectionString, TestKafka.BootstrapServers, ConformanceCases.Load(), TraceparentRule.Exact,
            // A polling relay reads rows from the table, so they must stay there.
            DeleteInSameTransaction: mode == "Cdc",
            // The mock cluster auto-creates topics with the 4 partitions the cases expect.
            CreateMissingTopics: !TestKafka.IsMock,
            Timeout: TimeSpan.FromSeconds(30)));

        Assert.That(results.Where(r => !r.Passed).Select(r => $"{r.Case.Name}: {string.Join("; ", r.Differences)}"), Is.Empty);
        Assert.That(results, Has.Count.EqualTo(ConformanceCases.Load().Count));
    }

    [Test]
    public async Task the_checker_reports_a_record_that_differs_from_its_case()
    {
        // The checker must be able to fail: a relay routing by aggregate type to "<type>.events"
        // but with another key is caught field by field.
        await using var scenario = await RelayScenario.CreateAsync("conformance-negative");
        await scenario.StartRelayAsync();
        var original = ConformanceCases.Load()[0];
        var altered = original with
        {
            Expected = original.Expected with { KeyBase64 = Convert.ToBase64String("another-key"u8.ToArray()), Headers = original.Expected.Headers[..^1] },
        };

        var results = await OutboxConformance.RunAsync(new ConformanceRun(
            scenario.ConnectionString, TestKafka.BootstrapServers, [altered], TraceparentRule.Exact,
            DeleteInSameTransaction: true, CreateMissingTopics: !TestKafka.IsMock, Timeout: TimeSpan.FromSeconds(30)));

        var result = results.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Record, Is.Not.Null, "the record arrived");
            Assert.That(result.Passed, Is.False);
            Assert.That(result.Differences, Has.Some.StartsWith("key:"));
            Assert.That(result.Differences, Has.Some.StartsWith("headers (in order):"));
        });
    }

    [Test]
    public void without_opentelemetry_debezium_writes_no_traceparent_and_that_conforms_under_the_debezium_rule()
    {
        var c = ConformanceCases.Load().First(c => c.Expected.Headers.Any(h => h.Name == "traceparent"));
        var withoutTrace = FakeRecord(c, c.Expected.Headers.Where(h => h.Name != "traceparent"));
        var otherTrace = FakeRecord(c, c.Expected.Headers.Select(h => h.Name == "traceparent" ? h with { Value = "00-11111111111111111111111111111111-2222222222222222-01" } : h));
        Assert.Multiple(() =>
        {
            Assert.That(OutboxConformance.Compare(c, withoutTrace, TraceparentRule.SameTraceOrAbsent, c.Expected.Partitions), Is.Empty);
            Assert.That(OutboxConformance.Compare(c, withoutTrace, TraceparentRule.Exact, c.Expected.Partitions), Is.Not.Empty);
            Assert.That(OutboxConformance.Compare(c, otherTrace, TraceparentRule.SameTraceOrAbsent, c.Expected.Partitions), Has.Some.StartsWith("traceparent:"));
        });
    }

    private static Confluent.Kafka.ConsumeResult<byte[], byte[]> FakeRecord(ConformanceCase c, IEnumerable<ConformanceHeader> headers)
    {
        var kafkaHeaders = new Confluent.Kafka.Headers();
        foreach (var h in headers)
        {
            kafkaHeaders.Add(h.Name, System.Text.Encoding.UTF8.GetBytes(h.Value));
        }

        return new Confluent.Kafka.ConsumeResult<byte[], byte[]>
        {
            Topic = c.Expected.Topic,
            Partition = c.Expected.Partition,
            Message = new Confluent.Kafka.Message<byte[], byte[]>
            {
                Key = Convert.FromBase64String(c.Expected.KeyBase64),
                Value = Convert.FromBase64String(c.Expected.ValueBase64),
                Headers = kafkaHeaders,
                Timestamp = new Confluent.Kafka.Timestamp(c.Expected.TimestampMs, Enum.Parse<Confluent.Kafka.TimestampType>(c.Expected.TimestampType)),
            },
        };
    }
}
