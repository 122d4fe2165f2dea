using Npgsql;
using Platform.Persistence.Outbox;

namespace Platform.Replay.Source;

/// <summary>
/// Rewind at the source for Outbox:CleanupMode=Retain: re-emits retained outbox rows by deleting
/// and re-inserting them unchanged, so each appears as a fresh INSERT in the WAL and the CDC relay
/// (embedded or Debezium) publishes it again with the same event id. Consumers drop the copy
/// through their inbox (at-least-once redelivery, never a second effect). A logical slot cannot
/// do this itself: PostgreSQL never decodes an already-confirmed transaction again (<see cref="SlotRewind"/>).
/// </summary>
public static class OutboxReemitter
{
    // Same order as the polling relay takes rows: an aggregate's events stay in sequence order.
    private const string Order = "\"timestamp\", aggregatetype, aggregateid, sequence";

    /// <summary>Selected rows per aggregate type and event type (a dry run); changes nothing.</summary>
    public static async Task<IReadOnlyList<OutboxTypeCount>> CountAsync(string connectionString, OutboxSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var connection = await OpenRetainedAsync(connectionString, selection, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT aggregatetype, type, count(*) FROM {OutboxMigrations.Table} WHERE {OutboxSelection.Where} GROUP BY 1, 2 ORDER BY 1, 2", connection);
        selection.AddParameters(command);
        var counts = new List<OutboxTypeCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new OutboxTypeCount(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return counts;
    }

    /// <summary>
    /// Re-emits the selected rows in batches of <paramref name="batchSize"/>, oldest first; returns
    /// how many were re-emitted (rows purged while it ran are skipped). Cancelling stops between
    /// batches: every committed batch was re-emitted completely, the rest not at all.
    /// </summary>
    public static async Task<long> ReemitAsync(
        string connectionString, OutboxSelection selection, int batchSize, IProgress<ReplayProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (batchSize is < 1 or > 100_000)
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"--batch-size {batchSize} must be between 1 and 100000.");
        }

        await using var connection = await OpenRetainedAsync(connectionString, selection, cancellationToken);
        // The selection is fixed first: re-inserted rows match it again, and rows written while
        // this runs are published by the relay anyway.
        var ids = await SelectIdsAsync(connection, selection, cancellationToken);
        long done = 0;
        progress?.Report(new ReplayProgress(0, ids.Count));
        foreach (var batch in ids.Chunk(batchSize))
        {
            // One transaction per batch: its DELETEs and INSERTs commit together, so a crash leaves
            // each row either as it was or re-inserted, never missing (nothing lost). The row keeps
            // its id, so the republished record carries the same event id (nothing applied twice).
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"""
                WITH gone AS (DELETE FROM {OutboxMigrations.Table} WHERE id = ANY($1) RETURNING *)
                INSERT INTO {OutboxMigrations.Table} SELECT * FROM gone ORDER BY {Order}
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = batch });
            done += await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(new ReplayProgress(done, ids.Count));
        }

        return done;
    }

    private static async Task<List<Guid>> SelectIdsAsync(NpgsqlConnection connection, OutboxSelection selection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT id FROM {OutboxMigrations.Table} WHERE {OutboxSelection.Where} ORDER BY {Order}", connection);
        selection.AddParameters(command);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Opens the database after checking that it still holds every row the selection could match.</summary>
    private static async Task<NpgsqlConnection> OpenRetainedAsync(string connectionString, OutboxSelection selection, CancellationToken cancellationToken)
    {
        selection.Validate();
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (await OutboxCleanup.IsDeleteAfterInsertAsync(connection, cancellationToken))
            {
                throw new ReplayException(ReplayExitCode.NotRetained,
                    "This service runs Outbox:CleanupMode=DeleteAfterInsert: every outbox row is deleted in the transaction that wrote it, " +
                    "so the database retains nothing to re-emit. Replay from Kafka instead (platform replay --topic <type>.events --from ...) " +
                    "within the topic's retention; set Outbox:CleanupMode=Retain to be able to re-emit future events from the database.");
            }

            if (await OutboxPurgeHorizon.ReadAsync(connection, cancellationToken) is { } horizon && selection.From.UtcDateTime < horizon)
            {
                throw new ReplayException(ReplayExitCode.NotRetained,
                    $"--from {selection.From.UtcDateTime:O} is before the outbox purge horizon {horizon:O}: rows older than that may already be " +
                    "purged (Outbox:Retention), so a re-emit could silently miss some. Start at or after the horizon, and replay the older " +
                    "part from Kafka (platform replay --topic <type>.events --from ... --to <horizon>) within the topic's retention.");
            }

            return connection;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await connection.DisposeAsync();
            throw new ReplayException(ReplayExitCode.Failed,
                $"{ex.MessageText}: this is not a service database migrated by this version (outbox-0002-purge-horizon); check the connection string, or start the service once.");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
