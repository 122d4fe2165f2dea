using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Outbox;

/// <summary>
/// The outbox table's SQL for everything but the services' own writes (those go through
/// <see cref="OutboxInterceptor"/>): the polling relay's reads, the publication a CDC relay streams,
/// re-emits, and conformance rows. One type, split into files by concern. Each method runs on the
/// caller's connection (and transaction, when given), so its guarantee is the caller's transaction's.
/// </summary>
public static partial class OutboxStore
{
    // The order the polling relay and re-emits take rows in: an aggregate's events stay in sequence order.
    private const string RelayOrder = "\"timestamp\", aggregatetype, aggregateid, sequence";

    private const string Columns = "id, aggregatetype, aggregateid, type, payload, \"timestamp\", tracingspancontext, sequence";

    private static OutboxMessage ReadRow(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        AggregateType = reader.GetString(1),
        AggregateId = reader.GetString(2),
        Type = reader.GetString(3),
        Payload = reader.GetFieldValue<byte[]>(4),
        Timestamp = DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc),
        TracingSpanContext = reader.IsDBNull(6) ? null : reader.GetString(6),
        Sequence = reader.GetInt64(7),
    };

    // The outbox column is timestamp WITHOUT time zone holding UTC (OutboxMigrations).
    private static NpgsqlParameter Utc(DateTimeOffset? time) => new()
    {
        Value = time is { } t ? DateTime.SpecifyKind(t.UtcDateTime, DateTimeKind.Unspecified) : DBNull.Value,
        NpgsqlDbType = NpgsqlDbType.Timestamp,
    };
}
