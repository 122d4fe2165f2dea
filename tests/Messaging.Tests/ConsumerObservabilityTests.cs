using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.Contracts;
using Platform.Messaging.Consuming;
using Platform.ServiceDefaults.Logging;
using Platform.ServiceDefaults.Telemetry;
using Serilog.Core;
using Serilog.Events;
using Serilog;

namespace Messaging.Tests;

/// <summary>
/// What the consumer host tells an operator: the span per record continues the trace of the
/// record's traceparent header and is current while the handler runs (so JSON log events carry
/// its trace and span ids), and the meter reports duplicates, dead letters and per-partition lag.
/// Does not cover OTLP export itself (no collector here) or the relay's spans (EndToEnd.Tests).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ConsumerObservabilityTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ParentSpanId = "00f067aa0ba902b7";

    [Test]
    public async Task a_log_event_written_while_handling_a_record_carries_the_consumer_spans_trace_and_span_ids_in_its_json()
    {
        using var spans = new SpanRecorder([PlatformTelemetry.MessagingName]);
        var json = new ConcurrentQueue<string>();
        using var serilog = new LoggerConfiguration().WriteTo.Sink(new JsonLines(json)).CreateLogger();
        using var loggers = LoggerFactory.Create(logging => logging.AddSerilog(serilog));
        var handlerLog = loggers.CreateLogger("ledger-handler");
        await using var scenario = await ConsumerScenario.CreateAsync("log-trace");
        var eventId = Guid.NewGuid();
        scenario.BeforeApply = consumed => handlerLog.LogInformation("Applying {EventId}", consumed.EventId);
        await scenario.StartAsync();

        await scenario.ProduceAsync("order-1", OrderPlacedPayload("order-1"), Headers(eventId, $"00-{TraceId}-{ParentSpanId}-01"));
        await scenario.WaitForLedgerAsync(1, "the record to be applied");

        var span = await spans.SingleAsync(s => s.OperationName == $"{scenario.Group} process {OrderEventTypes.OrderPlaced}", "the consumer span");
        var line = json.Single(l => l.Contains(eventId.ToString(), StringComparison.Ordinal));
        using var logged = JsonDocument.Parse(line);
        Assert.Multiple(() =>
        {
            Assert.That(span.Kind, Is.EqualTo(ActivityKind.Consumer));
            Assert.That(span.TraceId.ToHexString(), Is.EqualTo(TraceId), "the span continues the header's trace");
            Assert.That(span.ParentSpanId.ToHexString(), Is.EqualTo(ParentSpanId), "its parent is the header's span");
            Assert.That(logged.RootElement.GetProperty("TraceId").GetString(), Is.EqualTo(TraceId));
            Assert.That(logged.RootElement.GetProperty("SpanId").GetString(), Is.EqualTo(span.SpanId.ToHexString()), "written inside the consumer span");
        });
    }

    [Test]
    public async Task the_meter_counts_a_redelivered_duplicate_and_a_dead_lettered_record_of_the_consumer()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("metrics-outcomes");
        using var counters = new Counters(scenario);
        await scenario.StartAsync();
        // Version 7, as the outbox writes them: the inbox dates an event by its id, so a copy produced later is still a duplicate.
        var eventId = Guid.CreateVersion7();

        await scenario.ProduceOrderPlacedAsync("order-1", eventId, 1);
        await scenario.ProduceOrderPlacedAsync("order-1", eventId, 1);
        await scenario.ProduceAsync("order-1", OrderPlacedPayload("order-1"), new Dictionary<string, string> { [OutboxHeaders.EventType] = OrderEventTypes.OrderPlaced });

        await Eventually.WaitAsync(() => Task.FromResult(counters.Total("consumer.events.processed") + counters.Total("consumer.events.duplicates")
                                                          + counters.Total("consumer.dead_letters") >= 3), "three records handled", TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(counters.Total("consumer.events.processed"), Is.EqualTo(1));
            Assert.That(counters.Total("consumer.events.duplicates"), Is.EqualTo(1));
            Assert.That(counters.Total("consumer.dead_letters"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task consumer_lag_counts_the_records_waiting_behind_a_slow_handler_and_returns_to_zero()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("metrics-lag");
        using var counters = new Counters(scenario);
        using var gate = new ManualResetEventSlim();
        scenario.BeforeApply = _ => gate.Wait(TimeSpan.FromSeconds(30));
        await scenario.StartAsync();

        // One key, so one partition: the first record holds the handler, four wait behind it.
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            await scenario.ProduceOrderPlacedAsync("order-1", Guid.NewGuid(), sequence);
        }

        await Eventually.WaitAsync(() => Task.FromResult(counters.Lag() == 5), "a lag of 5 while the handler is held", TimeSpan.FromSeconds(30));
        gate.Set();
        await scenario.WaitForLedgerAsync(5, "every record to be applied");
        await Eventually.WaitAsync(() => Task.FromResult(counters.Lag() == 0), "the lag to return to 0", TimeSpan.FromSeconds(30));
    }

    private static byte[] OrderPlacedPayload(string orderId) =>
        Google.Protobuf.MessageExtensions.ToByteArray(new Platform.Contracts.Orders.V1.OrderPlaced { OrderId = orderId, CustomerId = "c-1", Currency = "EUR" });

    private static Dictionary<string, string> Headers(Guid eventId, string traceParent) => new()
    {
        [OutboxHeaders.EventId] = eventId.ToString(),
        [OutboxHeaders.EventType] = OrderEventTypes.OrderPlaced,
        [OutboxHeaders.Sequence] = "1",
        [OutboxHeaders.TraceParent] = traceParent,
    };

    /// <summary>Serilog events as the platform's JSON lines.</summary>
    private sealed class JsonLines(ConcurrentQueue<string> lines) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            using var writer = new StringWriter();
            PlatformLogging.Formatter().Format(logEvent, writer);
            lines.Enqueue(writer.ToString());
        }
    }

    /// <summary>The consumer meter's measurements for one scenario's group.</summary>
    private sealed class Counters : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _totals = new();
        private readonly string _group;
        private long _lag = -1;

        public Counters(ConsumerScenario scenario)
        {
            _group = scenario.Group;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ConsumerMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>(OnMeasurement);
            _listener.Start();
        }

        public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

        /// <summary>Sum of the lag gauge over the group's partitions, observed now (-1 before any partition reported).</summary>
        public long Lag()
        {
            Interlocked.Exchange(ref _lag, -1);
            _listener.RecordObservableInstruments();
            return Interlocked.Read(ref _lag);
        }

        public void Dispose() => _listener.Dispose();

        private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "consumer" && Equals(tag.Value, _group))
                {
                    if (instrument.Name == "consumer.lag")
                    {
                        long seen, sum;
                        do
                        {
                            seen = Interlocked.Read(ref _lag);
                            sum = Math.Max(seen, 0) + value;
                        }
                        while (Interlocked.CompareExchange(ref _lag, sum, seen) != seen);
                    }
                    else
                    {
                        _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
                    }

                    return;
                }
            }
        }
    }
}
