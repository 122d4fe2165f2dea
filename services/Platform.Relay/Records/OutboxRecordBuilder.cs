using System.Text;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Persistence.Outbox;

namespace Platform.Relay.Records;

/// <summary>
/// Builds the Kafka record Debezium's Outbox Event Router (io.debezium.transforms.outbox.EventRouter,
/// EventRouterDelegate.apply) produces for an outbox row with this project's connector settings
/// (StringConverter key, BinaryDataConverter value, SimpleHeaderConverter headers,
/// <c>table.field.event.timestamp=timestamp</c>). Both relay modes use it, so they cannot drift.
/// Tracing headers are not part of it: they exist only when the relay traces, and then they are the
/// publish span's (<see cref="Kafka.PublishSpan"/>), as Debezium writes its own span's.
/// </summary>
public sealed class OutboxRecordBuilder(TopicRouter router, IReadOnlyList<AdditionalPlacement> placements)
{
    /// <summary>The record for <paramref name="row"/>.</summary>
    public OutboxRecord Build(OutboxRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        // Header order follows EventRouterDelegate: "id" first, then the additional placements in
        // the order listed. SimpleHeaderConverter writes strings and numbers as plain UTF-8 text
        // (no JSON quotes); a null column becomes a null header value.
        var headers = new Headers { { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(row.Id) } };
        foreach (var placement in placements)
        {
            var text = row.Text(placement.Column);
            headers.Add(placement.Header, text is null ? null : Encoding.UTF8.GetBytes(text));
        }

        return new OutboxRecord(router.Route(row.AggregateType), new Message<byte[], byte[]>
        {
            // StringConverter: the aggregate id's UTF-8 bytes.
            Key = Encoding.UTF8.GetBytes(row.AggregateId),
            Value = row.Payload,
            Headers = headers,
            // EventRouterDelegate.getEventTimestampMs: a MicroTimestamp column divided by 1000 with
            // Java's long division, which truncates toward zero, as C#'s does.
            Timestamp = new Timestamp(row.TimestampMicros / 1000, TimestampType.CreateTime),
        }, TraceContext.TraceParentFrom(row.TracingSpanContext), TraceContext.TraceStateFrom(row.TracingSpanContext));
    }
}
