using System.Diagnostics;
using System.Globalization;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Messaging.Consuming;

/// <summary>
/// The consumer's span per record, <c>{consumer} process {eventType}</c> (kind Consumer), whose
/// parent is the record's <c>traceparent</c> header. Started around the inbox insert, the
/// handler and its SaveChanges (in a batch, around the handler and its SaveChanges: the batch's
/// inbox rows are one statement before them), so it is <see cref="Activity.Current"/> when the outbox
/// interceptor stores the trace context of the handler's own events: they continue the same
/// trace, and so does every log event written meanwhile.
/// </summary>
internal static class ConsumerSpan
{
    /// <summary>Starts the span and makes it current; null when nobody listens. Dispose it to end it.</summary>
    public static Activity? Start(string consumer, ConsumedEvent consumed)
    {
        // No or a malformed header: the span starts a new trace rather than failing the record.
        var parent = PlatformTelemetry.TryParseTraceParent(consumed.TraceParent, out var header) ? header : default;
        var span = PlatformTelemetry.Messaging.StartActivity($"{consumer} process {consumed.EventType}", ActivityKind.Consumer, parent);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "kafka");
            span.SetTag("messaging.operation.type", "process");
            span.SetTag("messaging.consumer.group.name", consumer);
            span.SetTag("messaging.destination.name", consumed.Topic);
            span.SetTag("messaging.destination.partition.id", consumed.Partition.ToString(CultureInfo.InvariantCulture));
            span.SetTag("messaging.kafka.offset", consumed.Offset);
            span.SetTag("messaging.message.id", consumed.EventId.ToString());
        }

        return span;
    }
}
