using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;
using Platform.ServiceDefaults;

namespace Platform.Persistence;

/// <summary>
/// Brings the service database up to date when the host starts, before consumers and endpoints
/// run: applies the versioned migrations (outbox first, then the service's) and the configured
/// outbox cleanup mode. A database that cannot be reached yet (down, restarting, not yet
/// accepting connections: <see cref="DatabaseUnavailable"/>) is waited for, with a warning each
/// time, looking again on the relay's schedule (<see cref="RestartBackoff"/>: 250 ms doubling to 2 s):
/// a process started during a database restart or fail-over comes up when the database does,
/// instead of dying with the host's start error and waiting out its supervisor's restart
/// back-off. A host name that does not resolve is waited for too (a database's DNS record can
/// appear only once it is up), but only for <see cref="UnknownHostPatience"/>: a misspelt host
/// then stops the start with the connection string's setting named. Any other failure stops the
/// start at once. Nothing else starts meanwhile, so nothing runs against an old schema; the
/// health endpoints answer only afterwards.
/// </summary>
public sealed class DatabaseStartup(
    OutboxConnection database, SchemaMigrator migrator, IOptions<OutboxOptions> outbox, IReadOnlyList<Migration> migrations,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    /// <summary>How long a database host name that does not resolve (no such host) is waited for before the start stops; 60 s.</summary>
    public TimeSpan UnknownHostPatience { get; set; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    /// <exception cref="OptionsValidationException">The database's host name did not resolve for <see cref="UnknownHostPatience"/>; the message names the connection string's setting.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var backoff = new RestartBackoff();
        var unresolved = new UnresolvedHost(UnknownHostPatience);
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
                if (unresolved.Observe(ex))
                {
                    var setting = database.Setting ?? "The service's connection string";
                    if (unresolved.Expired)
                    {
                        throw new OptionsValidationException(setting, typeof(string), [unresolved.Refusal(setting, database.ConnectionString)]);
                    }

                    logger.LogWarning("The service database's host {Host} does not resolve (attempt {Attempt}: {Reason}); trying again in {Delay} ms, for at most {Patience} s before the start stops ({Setting} may be misspelt)",
                        UnresolvedHost.Host(database.ConnectionString), attempt, ex.Message, delay.TotalMilliseconds, UnknownHostPatience.TotalSeconds, setting);
                }
                else
                {
                    logger.LogWarning("The service database cannot be reached (attempt {Attempt}: {Reason}); trying again in {Delay} ms",
                        attempt, ex.Message, delay.TotalMilliseconds);
                }

                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
