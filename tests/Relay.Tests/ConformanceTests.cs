using System.Text;
using Platform.Contracts;
using Platform.Operations.Conformance;
using Platform.Persistence.Outbox;
using Platform.ServiceDefaults.Telemetry;

namespace Relay.Tests;

/// <summary>
/// Runs the record contract (tests/conformance/outbox-router-cases.json) through the real relay
/// (CDC and polling, not tracing and tracing) against real PostgreSQL and the Kafka fixture with the
/// same checker that <c>platform connectors conformance</c> runs against Debezium: every record
/// compared byte for byte (topic, partition as Kafka Connect's Java producer picks it, key, value,
/// headers in order, timestamp and its type). The cases use fixed topics (order.events, ...), so
/// this fixture runs alone (which also keeps other tests' span listeners away from the relay's
/// source); the checker reads only what was produced after it started.
/// </summary>
[NonParallelizable]
public class ConformanceTests
{
    /// <summary>
    /// Each mode produces exactly the records Debezium does in the same tracing mode: without a listener
    /// on the relay's source no tracing header (Debezium without an OpenTelemetry SDK); with one,
    /// traceparent of a child span and the stored tracestate, first (Debezium with an SDK).
    /// </summary>
    [TestCase("Cdc", TracingMode.Off)]
    [TestCase("Polling", TracingMode.Off)]
    [TestCase("Cdc", TracingMode.On)]
    [TestCase("Polling", TracingMode.On)]
    public async Task the_relay_produces_every_conformance_case_exactly_as_debezium_does(string mode, TracingMode tracing)
    {
        using var spans = tracing == TracingMode.On ? new SpanRecorder([PlatformTelemetry.RelayName]) : null;
        Assert.That(PlatformTelemetry.Relay.HasListeners(), Is.EqualTo(tracing == TracingMode.On), "the relay traces exactly when the case says so");
        await using var scenario = await RelayScenario.CreateAsync("conformance-" + mode, requireLogical: mode == "Cdc");
        await scenario.StartRelayAsync(mode);

        var results = await OutboxConformance.RunAsync(Run(scenario, ConformanceCases.Load(), tracing, deleteInSameTransaction: mode == "Cdc"));

        Assert.That(results.Where(r => !r.Passed).Select(r => $"{r.Case.Name}: {string.Join("; ", r.Differences)}"), Is.Empty);
        Assert.That(results, Has.Count.EqualTo(ConformanceCases.Load().Count));
    }

    /// <summary>
    /// A tracing relay's traceparent is its publish span's, whose parent is the stored span, and its
    /// tracestate is the stored one: the consumer continues the trace below the relay's span.
    /// </summary>
    [Test]
    public async Task a_tracing_relay_writes_its_publish_span_a_child_of_the_stored_context()
    {
        using var spans = new SpanRecorder([PlatformTelemetry.RelayName]);
        await using var scenario = await RelayScenario.CreateAsync("conformance-span");
        await scenario.StartRelayAsync();
        var traced = ConformanceCases.Load().Single(c => TraceContext.TraceStateFrom(c.Row.TracingSpanContext) is not null);

        var result = (await OutboxConformance.RunAsync(Run(scenario, [traced], TracingMode.On, deleteInSameTransaction: true))).Single();
        var headers = result.Record!.Message.Headers.Select(h => (h.Key, Value: Encoding.UTF8.GetString(h.GetValueBytes()))).ToList();
        var stored = TraceContext.TraceParentFrom(traced.Row.TracingSpanContext)!.Split('-');
        var publish = await spans.SingleAsync(s => s.TraceId.ToHexString() == stored[1] && s.OperationName == $"outbox publish {traced.Expected.Topic}", "the publish span");

        Assert.Multiple(() =>
        {
            Assert.That(result.Passed, Is.True, string.Join("; ", result.Differences));
            Assert.That(headers[0], Is.EqualTo((OutboxHeaders.TraceParent, $"00-{stored[1]}-{publish.SpanId.ToHexString()}-01")));
            Assert.That(publish.ParentSpanId.ToHexString(), Is.EqualTo(stored[2]));
            Assert.That(headers[1], Is.EqualTo((OutboxHeaders.TraceState, TraceContext.TraceStateFrom(traced.Row.TracingSpanContext))));
        });
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

        var results = await OutboxConformance.RunAsync(Run(scenario, [altered], TracingMode.Off, deleteInSameTransaction: true));

        var result = results.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Record, Is.Not.Null, "the record arrived");
            Assert.That(result.Passed, Is.False);
            Assert.That(result.Differences, Has.Some.StartsWith("key:"));
            Assert.That(result.Differences, Has.Some.StartsWith("headers (in order):"));
        });
    }

    /// <summary>
    /// The tracing rules accept exactly what Debezium writes in each mode: Off refuses any tracing
    /// header; On wants a child span of the stored trace first, then the stored tracestate, and refuses
    /// the stored span itself, another trace, a missing or changed tracestate, or tracing headers after id.
    /// </summary>
    [Test]
    public void the_tracing_rules_accept_only_what_debezium_writes_in_each_mode()
    {
        var c = ConformanceCases.Load().First(c => TraceContext.TraceStateFrom(c.Row.TracingSpanContext) is not null);
        var stored = TraceContext.TraceParentFrom(c.Row.TracingSpanContext)!;
        var state = TraceContext.TraceStateFrom(c.Row.TracingSpanContext)!;
        var child = $"00-{stored.Split('-')[1]}-1111111111111111-01";
        IReadOnlyList<string> On(params ConformanceHeader[] tracing) => OutboxConformance.Compare(c, FakeRecord(c, [.. tracing, .. c.Expected.Headers]), TracingMode.On, c.Expected.Partitions);
        var plain = FakeRecord(c, c.Expected.Headers);
        var traced = FakeRecord(c, [new("traceparent", child), new("tracestate", state), .. c.Expected.Headers]);
        Assert.Multiple(() =>
        {
            Assert.That(OutboxConformance.Compare(c, plain, TracingMode.Off, c.Expected.Partitions), Is.Empty);
            Assert.That(OutboxConformance.Compare(c, traced, TracingMode.Off, c.Expected.Partitions), Has.Some.StartsWith("headers (in order):"));
            Assert.That(On(new("traceparent", child), new("tracestate", state)), Is.Empty);
            Assert.That(OutboxConformance.Compare(c, plain, TracingMode.On, c.Expected.Partitions), Has.Some.StartsWith("traceparent: expected as the first header"));
            Assert.That(On(new("traceparent", stored), new("tracestate", state)), Has.Some.Contains("got the stored span itself"));
            Assert.That(On(new("traceparent", "00-11111111111111111111111111111111-2222222222222222-01"), new("tracestate", state)), Has.Some.StartsWith("traceparent: expected a span of trace"));
            Assert.That(On(new ConformanceHeader("traceparent", child)), Has.Some.StartsWith("tracestate:"));
            Assert.That(On(new("traceparent", child), new("tracestate", "other=1")), Has.Some.StartsWith("tracestate: expected"));
            Assert.That(OutboxConformance.Compare(c, FakeRecord(c, [.. c.Expected.Headers, new("traceparent", child), new("tracestate", state)]), TracingMode.On, c.Expected.Partitions),
                Has.Some.StartsWith("traceparent: expected as the first header"));
        });
    }

    private static ConformanceRun Run(RelayScenario scenario, IReadOnlyList<ConformanceCase> cases, TracingMode tracing, bool deleteInSameTransaction) => new(
        scenario.ConnectionString, TestKafka.BootstrapServers, cases, tracing,
        // A polling relay reads rows from the table, so they must stay there.
        DeleteInSameTransaction: deleteInSameTransaction,
        // The mock cluster auto-creates topics with the 4 partitions the cases expect.
        CreateMissingTopics: !TestKafka.IsMock,
        Timeout: TimeSpan.FromSeconds(30));

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
