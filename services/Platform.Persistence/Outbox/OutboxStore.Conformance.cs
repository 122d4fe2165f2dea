using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Outbox;

public static partial class OutboxStore
{
    /// <summary>
    /// Writes <paramref name="row"/> in one transaction as a service would, replacing a row with the
    /// same id left by an earlier run; with <paramref name="deleteInSameTransaction"/> it is deleted
    /// again before the commit (the DeleteAfterInsert shape: only a CDC relay sees it). For
    /// conformance runs, whose cases have fixed ids.
    /// </summary>
    public static async Task WriteCaseAsync(NpgsqlConnection connection, OutboxMessage row, bool deleteInSameTransaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {OutboxMigrations.Table} WHERE id = $1") { Parameters = { new() { Value = row.Id } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {OutboxMigrations.Table} ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        {
            Parameters =
            {
                new() { Value = row.Id },
                new() { Value = row.AggregateType },
                new() { Value = row.AggregateId },
                new() { Value = row.Type },
                new() { Value = row.Payload },
                new() { Value = DateTime.SpecifyKind(row.Timestamp, DateTimeKind.Unspecified), NpgsqlDbType = NpgsqlDbType.Timestamp },
                new() { Value = (object?)row.TracingSpanContext ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = row.Sequence },
            },
        });
        if (deleteInSameTransaction)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {OutboxMigrations.Table} WHERE id = $1") { Parameters = { new() { Value = row.Id } } });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
