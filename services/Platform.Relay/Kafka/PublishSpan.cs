using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Relay.Records;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Relay.Kafka;

/// <summary>
/// The relay's span per published record, <c>outbox publish {topic}</c> (kind Producer): from
/// the hand-over to the producer until Kafka's acknowledgement, a child of the context stored
/// in the outbox row. Its context becomes the record's tracing headers exactly as Debezium's
/// outbox router writes its own span's (ActivateTracingSpan: W3C propagator injected into the
/// record's headers before the router adds <c>id</c>): <c>traceparent</c>, then <c>tracestate</c>
/// when the stored context has one, first among the headers, and only for rows that stored a
/// context (<c>tracing.with.context.field.only=true</c>). Without a listener on the relay's source
/// there is no span and, as with Debezium without an OpenTelemetry SDK, no tracing header.
/// </summary>
internal static class PublishSpan
{
    /// <summary>Starts the span without making it current (the relay loop must not inherit it); null when nobody listens.</summary>
    public static Activity? Start(OutboxRecord record)
    {
        var stored = ActivityContext.TryParse(record.TraceParent, record.TraceState, isRemote: true, out var parent);
        var previous = Activity.Current;
        var span = PlatformTelemetry.Relay.StartActivity($"outbox publish {record.Topic}", ActivityKind.Producer, stored ? parent : default);
        Activity.Current = previous;
        if (span is null)
        {
            return null;
        }

        if (record.TraceParent is not null)
        {
            WriteTracingHeaders(record.Message, span);
        }

        if (span.IsAllDataRequested)
        {
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("messaging.destination.name", record.Topic);
            if (record.Message.Headers.TryGetLastBytes(OutboxHeaders.EventId, out var id) && id is not null)
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

    // The span inherits the stored tracestate (W3C: a child keeps its parent's trace state).
    private static void WriteTracingHeaders(Message<byte[], byte[]> message, Activity span)
    {
        var headers = new Headers { { OutboxHeaders.TraceParent, Encoding.UTF8.GetBytes(TraceParent(span)) } };
        if (!string.IsNullOrEmpty(span.TraceStateString))
        {
            headers.Add(OutboxHeaders.TraceState, Encoding.UTF8.GetBytes(span.TraceStateString));
        }

        foreach (var header in message.Headers)
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        message.Headers = headers;
    }

    private static string TraceParent(Activity span)
        => $"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-{(span.Recorded ? "01" : "00")}";
}
