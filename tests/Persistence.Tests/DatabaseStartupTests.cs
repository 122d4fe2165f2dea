using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Local;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;
using Platform.Persistence;
using Platform.Testing;

namespace Persistence.Tests;

/// <summary>
/// Covers: a service start made while its database is down waits for it (a warning each time,
/// naming the failure) and migrates once it is back, instead of failing the start; a failure
/// that is not the database being unreachable still stops the start at once; a host name that does
/// not resolve is waited for only so long, then the start stops naming the setting. Runs its own
/// PostgreSQL cluster, stopped and started again on the same port. Does not cover: the
/// migrations themselves (SchemaMigratorTests) or the cleanup mode (OutboxCleanupTests).
/// </summary>
public class DatabaseStartupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task a_start_made_while_the_database_is_down_waits_for_it_and_migrates_when_it_is_back()
    {
        TestPostgres.RequireLocalBinaries("Stopping and starting the database");
        // A cluster started once for its port and connection string, then stopped.
        var first = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Fast = true }, CancellationToken.None);
        var (port, connectionString) = (first.Port, first.ConnectionString);
        await first.DisposeAsync();
        var lines = new ConcurrentQueue<string>();
        await using var services = Services(connectionString, lines);
        var startup = ActivatorUtilities.CreateInstance<DatabaseStartup>(services, OutboxMigrations.All);

        var start = startup.StartAsync(CancellationToken.None);
        await Eventually.WaitAsync(() => Task.FromResult(lines.Count(l => l.Contains("cannot be reached", StringComparison.Ordinal)) >= 2),
            "two warnings that the database cannot be reached", Timeout, CancellationToken.None);
        Assert.That(start.IsCompleted, Is.False, "the start went on without the database");

        await using var back = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Fast = true, Port = port }, CancellationToken.None);
        await start.WaitAsync(Timeout);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var applied = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE id = ANY($1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = OutboxMigrations.All.Select(m => m.Id).ToArray() } },
        };
        Assert.That((long)(await applied.ExecuteScalarAsync())!, Is.EqualTo(OutboxMigrations.All.Count));
        Assert.That(lines.First(l => l.Contains("cannot be reached", StringComparison.Ordinal)), Does.StartWith("Warning").And.Contain("attempt 1"));
    }

    [Test]
    public async Task a_failure_other_than_an_unreachable_database_stops_the_start_at_once()
    {
        var admin = await TestPostgres.AdminConnectionStringAsync();
        // A database that does not exist: the server answers, and refuses (3D000).
        var missing = new NpgsqlConnectionStringBuilder(admin) { Database = "no_such_database_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        var lines = new ConcurrentQueue<string>();
        await using var services = Services(missing, lines);
        var startup = ActivatorUtilities.CreateInstance<DatabaseStartup>(services, OutboxMigrations.All);

        var failure = Assert.ThrowsAsync<PostgresException>(() => startup.StartAsync(CancellationToken.None).WaitAsync(Timeout));

        Assert.That(failure!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidCatalogName));
        Assert.That(lines.Where(l => l.Contains("cannot be reached", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task a_database_host_that_does_not_resolve_stops_the_start_naming_the_setting_after_its_patience()
    {
        const string host = "orders-db-misspelt.invalid";
        await TestDns.RequireNoSuchHostAsync(host);

        var misspelt = new NpgsqlConnectionStringBuilder { Host = host, Database = "orders", Username = "orders" }.ConnectionString;
        var lines = new ConcurrentQueue<string>();
        await using var services = Services(misspelt, lines, "ConnectionStrings:Orders");
        var startup = ActivatorUtilities.CreateInstance<DatabaseStartup>(services, OutboxMigrations.All);
        startup.UnknownHostPatience = TimeSpan.FromSeconds(1);

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => startup.StartAsync(CancellationToken.None).WaitAsync(Timeout));

        Assert.That(failure!.OptionsName, Is.EqualTo("ConnectionStrings:Orders"));
        Assert.That(failure.Message, Does.StartWith("ConnectionStrings:Orders: the database host 'orders-db-misspelt.invalid' does not resolve"));
        Assert.That(lines.Where(l => l.Contains("does not resolve", StringComparison.Ordinal)), Is.Not.Empty.And.All.StartWith("Warning"),
            "the wait is announced, naming the host");
    }

    private static ServiceProvider Services(string connectionString, ConcurrentQueue<string> lines, string? setting = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new CapturingLoggerProvider(lines)));
        services.AddSingleton(new OutboxConnection(connectionString, setting));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton(Options.Create(new OutboxOptions { CleanupMode = OutboxCleanupMode.Retain }));
        return services.BuildServiceProvider();
    }
}
