using System.Globalization;

namespace Platform.Relay.Records;

/// <summary>
/// One outbox insert as the relay read it, with column values in the text form PostgreSQL
/// writes them (pgoutput text mode) except <see cref="Payload"/> (raw bytes) and the timestamp.
/// </summary>
/// <param name="Id">Event id, canonical lower-case UUID text.</param>
/// <param name="AggregateType">Routes the record to its topic.</param>
/// <param name="AggregateId">Kafka key.</param>
/// <param name="Type">Event type.</param>
/// <param name="Payload">Kafka value, unchanged.</param>
/// <param name="TimestampMicros">The <c>timestamp</c> column as microseconds since the Unix epoch (UTC).</param>
/// <param name="TracingSpanContext">java.util.Properties text holding <c>traceparent</c>, or null.</param>
/// <param name="Sequence">The aggregate's sequence number, decimal text.</param>
public sealed record OutboxRow(
    string Id, string AggregateType, string AggregateId, string Type, byte[] Payload,
    long TimestampMicros, string? TracingSpanContext, string Sequence)
{
    /// <summary>Microseconds since the Unix epoch of a UTC <c>timestamp without time zone</c> value.</summary>
    public static long ToEpochMicros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>
    /// A column's value as Debezium hands it to SimpleHeaderConverter, for
    /// <c>table.fields.additional.placement</c>: strings as they are, bigint as decimal text,
    /// <c>timestamp(6)</c> as its MicroTimestamp (epoch microseconds). Null for unknown columns.
    /// </summary>
    public string? Text(string column) => column switch
    {
        "id" => Id,
        "aggregatetype" => AggregateType,
        "aggregateid" => AggregateId,
        "type" => Type,
        "sequence" => Sequence,
        "tracingspancontext" => TracingSpanContext,
        "timestamp" => TimestampMicros.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The columns <see cref="Text"/> can place in a header.</summary>
    public static IReadOnlySet<string> PlaceableColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "aggregatetype", "aggregateid", "type", "sequence", "tracingspancontext", "timestamp",
    };
}
