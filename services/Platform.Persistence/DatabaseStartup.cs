using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Platform.Persistence;

/// <summary>
/// Brings the service database up to date when the host starts, before consumers and endpoints
/// run: applies the versioned migrations (outbox first, then the service's) and the configured
/// outbox cleanup mode.
/// </summary>
public sealed class DatabaseStartup(
    OutboxConnection database, SchemaMigrator migrator, IOptions<OutboxOptions> outbox, IReadOnlyList<Migration> migrations) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(database.ConnectionString, migrations, cancellationToken);
        await OutboxCleanup.ApplyAsync(database.ConnectionString, outbox.Value.CleanupMode, cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
