using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Relay.Kafka;

/// <summary>
/// The relay's span per published record, <c>outbox publish {topic}</c> (kind Producer): from
/// the hand-over to the producer until Kafka's acknowledgement. Its parent is the context stored
/// in the outbox row, read back from the record's <c>traceparent</c> header, so the publish
/// joins the trace of the request or record that wrote the row. The header itself stays the
/// stored value (the record contract, tests/conformance/outbox-router-cases.json): consumers
/// continue the writer's trace, and this span is a sibling of theirs.
/// </summary>
internal static class PublishSpan
{
    /// <summary>Starts the span without making it current (the relay loop must not inherit it); null when nobody listens.</summary>
    public static Activity? Start(string topic, Message<byte[], byte[]> message)
    {
        var parent = message.Headers.TryGetLastBytes(OutboxHeaders.TraceParent, out var header) && header is not null
            && PlatformTelemetry.TryParseTraceParent(Encoding.UTF8.GetString(header), out var stored)
            ? stored
            : default;
        var previous = Activity.Current;
        var span = PlatformTelemetry.Relay.StartActivity($"outbox publish {topic}", ActivityKind.Producer, parent);
        Activity.Current = previous;
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.destination.name", topic);
            if (message.Headers.TryGetLastBytes(OutboxHeaders.EventId, out var id) && id is not null)
            {
                span.SetTag("messaging.message.id", Encoding.UTF8.GetString(id));
            }
        }

        return span;
    }

    /// <summary>Ends <paramref name="span"/> with Kafka's answer (partition, offset, or the error).</summary>
    public static void End(Activity span, DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            span.SetStatus(ActivityStatusCode.Error, report.Error.Reason);
        }
        else if (span.IsAllDataRequested)
        {
            span.SetTag("messaging.destination.partition.id", report.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            span.SetTag("messaging.kafka.offset", report.Offset.Value);
        }

        span.Dispose();
    }
}
