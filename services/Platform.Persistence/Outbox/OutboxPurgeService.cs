using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Persistence.Outbox;

/// <summary>
/// In <see cref="OutboxCleanupMode.Retain"/> mode, deletes outbox rows older than the retention
/// in batches. Rows are only ever purged by age, so an event still waiting for a relay that has
/// been down longer than the retention is lost from the table; keep retention well above the
/// longest relay outage you plan for. (The relay reads the WAL, not the table, so in CDC mode
/// the purge never races the relay.)
/// </summary>
public sealed class OutboxPurgeService(
    OutboxConnection connection, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxPurgeService> logger) : BackgroundService
{
    /// <summary>Deletes rows older than the retention; returns how many.</summary>
    public async Task<long> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = DateTime.SpecifyKind(clock.GetUtcNow().UtcDateTime - settings.Retention, DateTimeKind.Unspecified);
        long total = 0;
        await using var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync(cancellationToken);
        // Committed before the first delete: a row below the horizon may be gone, a row at or
        // after it was never purged, so a re-emit can refuse a range it cannot fully serve.
        await OutboxPurgeHorizon.RecordAsync(db, cutoff, cancellationToken);
        while (true)
        {
            await using var command = new NpgsqlCommand("""
                DELETE FROM outbox WHERE id IN (
                    SELECT id FROM outbox WHERE "timestamp" < $1 ORDER BY "timestamp" LIMIT $2)
                """, db);
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Timestamp });
            command.Parameters.Add(new NpgsqlParameter { Value = settings.PurgeBatchSize });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < settings.PurgeBatchSize)
            {
                return total;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CleanupMode != OutboxCleanupMode.Retain)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                var deleted = await PurgeOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Purged {Count} outbox rows older than {Retention}", deleted, options.Value.Retention);
                }
            }
            catch (NpgsqlException ex)
            {
                logger.LogWarning(ex, "Outbox purge failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
