using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Persistence.Outbox;

namespace Platform.Persistence.Inbox;

/// <summary>Runs <see cref="InboxPartitions.MaintainAsync"/> at start and then every <see cref="InboxOptions.MaintenanceInterval"/>.</summary>
public sealed class InboxMaintenanceService(
    OutboxConnection database, IOptions<InboxOptions> options, TimeProvider clock, ILogger<InboxMaintenanceService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.MaintenanceInterval, clock);
        do
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                var dropped = await InboxPartitions.MaintainAsync(connection, clock.GetUtcNow().UtcDateTime, settings.Retention, settings.DaysAhead, stoppingToken);
                foreach (var name in dropped)
                {
                    logger.LogInformation("Dropped inbox partition {Partition} (older than {Retention})", name, settings.Retention);
                }
            }
            catch (NpgsqlException ex)
            {
                logger.LogWarning(ex, "Inbox partition maintenance failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
