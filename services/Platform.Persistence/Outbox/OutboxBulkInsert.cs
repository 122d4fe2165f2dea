using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Outbox;

/// <summary>
/// Inserts outbox rows in one statement, in list order (the order CDC relays them in), inside
/// the caller's transaction: they commit with its state changes or not at all.
/// </summary>
public static class OutboxBulkInsert
{
    private const string Sql = $"""
        INSERT INTO {OutboxMigrations.Table} (id, aggregatetype, aggregateid, type, payload, "timestamp", tracingspancontext, sequence)
        SELECT id, aggregatetype, aggregateid, type, payload, "timestamp", tracingspancontext, sequence
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::timestamp[], $7::text[], $8::bigint[])
             WITH ORDINALITY AS r(id, aggregatetype, aggregateid, type, payload, "timestamp", tracingspancontext, sequence, position)
        ORDER BY position
        """;

    /// <summary>Inserts <paramref name="rows"/> on <paramref name="connection"/>, in <paramref name="transaction"/> when given.</summary>
    public static Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken = default) =>
        ExecuteAsync(connection, transaction, rows, async: true, cancellationToken).AsTask();

    internal static async ValueTask ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<OutboxMessage> rows, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.AggregateType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.AggregateId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Payload).ToArray() });
        // timestamp WITHOUT time zone holding UTC: Npgsql writes only Unspecified kinds there.
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = rows.Select(r => DateTime.SpecifyKind(r.Timestamp, DateTimeKind.Unspecified)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Timestamp,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.TracingSpanContext).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Sequence).ToArray() });
        if (async)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            command.ExecuteNonQuery();
        }
    }
}
