using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orders.Api.Infrastructure;

namespace Orders.Api.Placement;

/// <summary>
/// Deletes expired Idempotency-Key rows in batches. Only housekeeping: an expired row is already
/// treated as absent by <see cref="IdempotencyStore"/>, so a late purge changes no answer.
/// </summary>
public sealed class IdempotencyPurgeService(
    IOptions<OrdersDatabaseOptions> database, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyPurgeService> logger) : BackgroundService
{
    private const int BatchSize = 10_000;

    /// <summary>Deletes every row expired by now; returns how many.</summary>
    public async Task<long> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        while (true)
        {
            await using var command = new NpgsqlCommand("""
                DELETE FROM idempotency_keys WHERE ctid IN (
                    SELECT ctid FROM idempotency_keys WHERE expires_at <= $1 LIMIT $2)
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = BatchSize });
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await PurgeOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Purged {Count} expired idempotency keys", deleted);
                }
            }
            catch (NpgsqlException ex)
            {
                logger.LogWarning(ex, "Idempotency key purge failed; retrying at the next interval");
            }
        }
    }
}
