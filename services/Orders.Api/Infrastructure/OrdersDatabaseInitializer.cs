using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Orders.Api.Infrastructure;

/// <summary>
/// Brings the database to the current schema (outbox + orders migrations) and the configured
/// outbox cleanup mode before the service takes requests. Runs as the first hosted service.
/// </summary>
public sealed class OrdersDatabaseInitializer(
    IOptions<OrdersDatabaseOptions> database, IOptions<OutboxOptions> outbox, SchemaMigrator migrator,
    ILogger<OrdersDatabaseInitializer> logger) : IHostedService
{
    /// <summary>Applies pending migrations, then attaches or detaches the outbox delete-after-insert trigger.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connectionString = database.Value.ConnectionString;
        await migrator.MigrateAsync(connectionString, OrdersMigrations.All, cancellationToken);
        await OutboxCleanup.ApplyAsync(connectionString, outbox.Value.CleanupMode, cancellationToken);
        logger.LogInformation("Orders database ready; outbox cleanup mode {CleanupMode}", outbox.Value.CleanupMode);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
