using Npgsql;
using Platform.Persistence.Outbox;
using Platform.Operations.Replay;

namespace Platform.Operations.Source;

/// <summary>
/// Rewind at the source for Outbox:CleanupMode=Retain: re-emits retained outbox rows by deleting
/// and re-inserting them unchanged, so each appears as a fresh INSERT in the WAL and the CDC relay
/// (embedded or Debezium) publishes it again with the same event id. Consumers drop the copy
/// through their inbox (at-least-once redelivery, never a second effect). A logical slot cannot
/// do this itself: PostgreSQL never decodes an already-confirmed transaction again (<see cref="SlotRewind"/>).
/// </summary>
public static class OutboxReemitter
{
    /// <summary>Selected rows per aggregate type and event type (a dry run); changes nothing.</summary>
    public static async Task<IReadOnlyList<OutboxTypeCount>> CountAsync(string connectionString, OutboxSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var connection = await OpenRetainedAsync(connectionString, selection, cancellationToken);
        var counts = await OutboxStore.CountAsync(connection, selection.Range, cancellationToken);
        return [.. counts.Select(c => new OutboxTypeCount(c.AggregateType, c.Type, c.Count))];
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
        var ids = await OutboxStore.SelectIdsAsync(connection, selection.Range, cancellationToken);
        long done = 0;
        progress?.Report(new ReplayProgress(0, ids.Count));
        foreach (var batch in ids.Chunk(batchSize))
        {
            // One transaction per batch (see OutboxStore.ReemitAsync): nothing lost on a crash, and
            // each row keeps its id, so the republished record carries the same event id.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            done += await OutboxStore.ReemitAsync(connection, transaction, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(new ReplayProgress(done, ids.Count));
        }

        return done;
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
