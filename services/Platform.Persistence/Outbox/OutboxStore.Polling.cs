using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Outbox;

public static partial class OutboxStore
{
    /// <summary>
    /// The oldest <paramref name="batchSize"/> rows that no other transaction holds, locked by
    /// <paramref name="transaction"/> until it ends (<c>FOR UPDATE SKIP LOCKED</c>): several polling
    /// relays never take the same row, and a row stays until its deletion commits.
    /// </summary>
    public static async Task<List<OutboxMessage>> LockOldestAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int batchSize, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"""
            SELECT {Columns}
            FROM {OutboxMigrations.Table}
            ORDER BY {RelayOrder}
            LIMIT $1
            FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        var rows = new List<OutboxMessage>(batchSize);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    /// <summary>Deletes the rows <paramref name="ids"/> in <paramref name="transaction"/> (the polling relay, once Kafka acknowledged them).</summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand($"DELETE FROM {OutboxMigrations.Table} WHERE id = ANY($1)", connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
