using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Outbox;

public static partial class OutboxStore
{
    // Rows of [$1, $2) (no end when $2 is null), of the aggregates $3 and types $4 (all when empty).
    private const string RangeCondition = """
        "timestamp" >= $1 AND ($2::timestamp IS NULL OR "timestamp" < $2)
        AND (cardinality($3::text[]) = 0 OR aggregateid = ANY($3)) AND (cardinality($4::text[]) = 0 OR type = ANY($4))
        """;

    /// <summary>How many retained rows of <paramref name="range"/> there are, per aggregate type and event type; changes nothing.</summary>
    public static async Task<IReadOnlyList<(string AggregateType, string Type, long Count)>> CountAsync(
        NpgsqlConnection connection, OutboxRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        await using var command = new NpgsqlCommand(
            $"SELECT aggregatetype, type, count(*) FROM {OutboxMigrations.Table} WHERE {RangeCondition} GROUP BY 1, 2 ORDER BY 1, 2", connection);
        AddRange(command, range);
        var counts = new List<(string, string, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>The ids of the retained rows of <paramref name="range"/>, in relay order.</summary>
    public static async Task<List<Guid>> SelectIdsAsync(NpgsqlConnection connection, OutboxRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        await using var command = new NpgsqlCommand($"SELECT id FROM {OutboxMigrations.Table} WHERE {RangeCondition} ORDER BY {RelayOrder}", connection);
        AddRange(command, range);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>
    /// Deletes and re-inserts the rows <paramref name="ids"/> unchanged, in relay order, in
    /// <paramref name="transaction"/>: each appears as a fresh INSERT in the WAL, so a CDC relay
    /// publishes it again with the same event id. The DELETEs and INSERTs commit together, so a
    /// crash leaves each row either as it was or re-inserted, never missing. Returns the rows
    /// re-emitted (rows purged meanwhile are skipped).
    /// </summary>
    public static async Task<int> ReemitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            WITH gone AS (DELETE FROM {OutboxMigrations.Table} WHERE id = ANY($1) RETURNING *)
            INSERT INTO {OutboxMigrations.Table} SELECT * FROM gone ORDER BY {RelayOrder}
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddRange(NpgsqlCommand command, OutboxRange range)
    {
        command.Parameters.Add(Utc(range.From));
        command.Parameters.Add(Utc(range.To));
        command.Parameters.Add(new NpgsqlParameter { Value = range.AggregateIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = range.Types.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }
}
