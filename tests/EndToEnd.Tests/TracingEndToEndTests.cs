using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Persistence.Outbox;
using Platform.ServiceDefaults.Telemetry;

namespace EndToEnd.Tests;

/// <summary>
/// One order is one trace, as the development launcher hosts the services: the API's request span,
/// the trace context stored in the Orders outbox row, the relay's publish span (a child of the stored
/// context) whose context is the Kafka record's traceparent header, as Debezium's outbox router
/// writes its own span's, the Payments consumer's span, the Payments outbox row it wrote, and the
/// Orders saga's span that consumed the payment (below the payment's publish span) all share one
/// trace id, each hop the child of the previous. Does not cover OTLP export (no collector here).
/// </summary>
public class TracingEndToEndTests
{
    [Test]
    public async Task an_order_placed_through_the_api_is_one_trace_from_the_request_to_the_saga()
    {
        using var spans = new SpanRecorder(PlatformTelemetry.SourceNames);
        await using var platform = await PlatformScenario.StartAsync("tracing", new Dictionary<string, string?> { ["Outbox:CleanupMode"] = "Retain" });

        var order = await platform.PlaceAsync("tracing", ("SKU-1", 1, 10m));
        await Eventually.WaitAsync(async () => await platform.CountAsync("orders", $"SELECT count(*) FROM orders WHERE id = '{order}' AND status = 'Confirmed'") == 1,
            "the order to be confirmed", TimeSpan.FromSeconds(60));

        var placedRow = await StoredTraceParentAsync(platform, "orders", order, "OrderPlaced");
        var paymentRow = await StoredTraceParentAsync(platform, "payments", order, "PaymentAuthorized");
        var header = ReadTraceParentHeader(platform.BootstrapServers, Topics.OrderEvents, order.ToString());
        var request = await spans.SingleAsync(s => s.Source.Name == PlatformTelemetry.AspNetCoreName && s.Kind == ActivityKind.Server && s.SpanId.ToHexString() == placedRow.Span, "the API request span");
        var publish = await spans.SingleAsync(s => s.OperationName == $"outbox publish {Topics.OrderEvents}" && s.ParentSpanId.ToHexString() == placedRow.Span, "the relay's publish span");
        var payments = await spans.SingleAsync(s => s.OperationName == "payments process OrderPlaced" && s.TraceId.ToHexString() == placedRow.Trace, "the payments consumer span");
        var paymentPublish = await spans.SingleAsync(s => s.OperationName == $"outbox publish {Topics.PaymentEvents}" && s.ParentSpanId.ToHexString() == paymentRow.Span, "the relay's publish span of the payment");
        var saga = await spans.SingleAsync(s => s.OperationName == "orders-saga process PaymentAuthorized" && s.TraceId.ToHexString() == placedRow.Trace, "the saga's span");

        Assert.Multiple(() =>
        {
            Assert.That(request.TraceId.ToHexString(), Is.EqualTo(placedRow.Trace), "the outbox row stores the request's context");
            Assert.That((publish.TraceId.ToHexString(), publish.Kind), Is.EqualTo((placedRow.Trace, ActivityKind.Producer)));
            Assert.That(header, Is.EqualTo($"00-{placedRow.Trace}-{publish.SpanId.ToHexString()}-01"), "the Kafka header is the publish span's context");
            Assert.That(payments.ParentSpanId.ToHexString(), Is.EqualTo(publish.SpanId.ToHexString()), "the consumer continues the header's context");
            Assert.That(payments.Kind, Is.EqualTo(ActivityKind.Consumer));
            Assert.That((paymentRow.Trace, paymentRow.Span), Is.EqualTo((placedRow.Trace, payments.SpanId.ToHexString())), "the handler's outbox row stores the consumer span");
            Assert.That(saga.ParentSpanId.ToHexString(), Is.EqualTo(paymentPublish.SpanId.ToHexString()), "the saga continues the payment's context, below its publish span");
        });
    }

    private static async Task<(string TraceParent, string Trace, string Span)> StoredTraceParentAsync(PlatformScenario platform, string service, Guid aggregate, string type)
    {
        var rows = await platform.QueryAsync(service, $"SELECT tracingspancontext FROM outbox WHERE aggregateid = '{aggregate}' AND type = '{type}'");
        Assert.That(rows, Has.Count.EqualTo(1), $"one {type} row in {service}'s outbox");
        var traceParent = TraceContext.TraceParentFrom(rows[0][0] as string);
        Assert.That(traceParent, Is.Not.Null, $"the {type} row stores a traceparent");
        var parts = traceParent!.Split('-');
        return (traceParent, parts[1], parts[2]);
    }

    private static string? ReadTraceParentHeader(string bootstrapServers, string topic, string key)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = TestNames.Unique("trace-reader"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record?.Message.Key == key && record.Message.Headers.TryGetLastBytes(OutboxHeaders.TraceParent, out var value))
                {
                    return Encoding.UTF8.GetString(value);
                }
            }

            return null;
        }
        finally
        {
            consumer.Close();
        }
    }
}
