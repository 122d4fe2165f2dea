using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Platform.Persistence;

/// <summary>
/// Brings the service database up to date when the host starts, before consumers and endpoints
/// run: applies the versioned migrations (outbox first, then the service's) and the configured
/// outbox cleanup mode. A database that cannot be reached yet (down, restarting, not yet
/// accepting connections: <see cref="DatabaseUnavailable"/>) is waited for, with a warning each
/// time, looking again on the relay's schedule (<see cref="RestartBackoff"/>: 250 ms doubling to 2 s):
/// a process started during a database restart or fail-over comes up when the database does,
/// instead of dying with the host's start error and waiting out its supervisor's restart
/// back-off. Any other failure stops the start at once. Nothing else starts meanwhile, so
/// nothing runs against an old schema; the health endpoints answer only afterwards.
/// </summary>
public sealed class DatabaseStartup(
    OutboxConnection database, SchemaMigrator migrator, IOptions<OutboxOptions> outbox, IReadOnlyList<Migration> migrations,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var backoff = new RestartBackoff();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Both steps are idempotent: an attempt cut short is simply made again.
                await migrator.MigrateAsync(database.ConnectionString, migrations, cancellationToken);
                await OutboxCleanup.ApplyAsync(database.ConnectionString, outbox.Value.CleanupMode, cancellationToken);
                return;
            }
            catch (Exception ex) when (DatabaseUnavailable.Is(ex) && !cancellationToken.IsCancellationRequested)
            {
                // Failures here follow each other: the wait doubles up to its longest.
                var delay = backoff.After(TimeSpan.Zero);
                logger.LogWarning("The service database cannot be reached (attempt {Attempt}: {Reason}); trying again in {Delay} ms",
                    attempt, ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
