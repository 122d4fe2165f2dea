using Npgsql;
using NUnit.Framework;
using Platform.Local;
using Testcontainers.PostgreSql;

namespace Platform.Testing;

/// <summary>
/// The PostgreSQL server of this test run, from the source <see cref="TestInfrastructure"/> chose:
/// <see cref="TestSettings.PostgresVariable"/>; else one container (<see cref="TestContainers.Postgres"/>);
/// else one throwaway local cluster (wal_level=logical, free port, temp folder). Started on first
/// use, shared by every test of the run, and stopped by <see cref="PlatformTestRun"/> at its end.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalPostgresCluster? _cluster;
    private static PostgreSqlContainer? _container;
    private static string? _adminConnectionString;
    private static string? _unavailable;

    /// <summary>Superuser connection string; skips the calling test, naming the fix, when no server can be had.</summary>
    public static async Task<string> AdminConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (_adminConnectionString is null && _unavailable is null)
            {
                await StartAsync(cancellationToken);
            }
        }
        finally
        {
            Gate.Release();
        }

        if (_unavailable is not null)
        {
            Assert.Ignore(_unavailable);
        }

        return _adminConnectionString!;
    }

    private static async Task StartAsync(CancellationToken cancellationToken)
    {
        switch (TestInfrastructure.Choice.Postgres)
        {
            case InfrastructureSource.Configured:
                _adminConnectionString = TestSettings.Postgres;
                return;
            case InfrastructureSource.Container:
                await StartContainerAsync(cancellationToken);
                return;
            default:
                await StartLocalClusterAsync(cancellationToken);
                return;
        }
    }

    private static async Task StartContainerAsync(CancellationToken cancellationToken)
    {
        _container = TestContainers.Postgres();
        try
        {
            await _container.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _unavailable = $"The {TestContainers.PostgresImage} container did not start ({ex.GetBaseException().Message}); " +
                           $"set {TestSettings.PostgresVariable} to a server's connection string instead.";
            return;
        }

        _adminConnectionString = _container.GetConnectionString();
        TestContext.Progress.WriteLine($"Test run started a {TestContainers.PostgresImage} container at {_container.Hostname}:{_container.GetMappedPublicPort(PostgreSqlBuilder.PostgreSqlPort)}");
    }

    private static async Task StartLocalClusterAsync(CancellationToken cancellationToken)
    {
        if (PostgresBinaries.Find() is null)
        {
            _unavailable = $"PostgreSQL is not available: {PostgresBinaries.InstallHint}, " +
                           $"or set {TestSettings.PostgresVariable} to a server's connection string.";
            return;
        }

        var orphans = await LocalPostgresCluster.StopOrphansAsync(cancellationToken);
        if (orphans > 0)
        {
            TestContext.Progress.WriteLine($"Stopped {orphans} PostgreSQL cluster(s) left behind by killed test runs");
        }

        _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Fast = true }, cancellationToken);
        _adminConnectionString = _cluster.ConnectionString;
        TestContext.Progress.WriteLine($"Test run started {_cluster}");
    }

    /// <summary>
    /// Skips the calling test unless PostgreSQL's server binaries are installed here: for tests
    /// that run a cluster of their own (<paramref name="needs"/> says what for), whatever
    /// server the rest of the run uses.
    /// </summary>
    public static void RequireLocalBinaries(string needs)
    {
        if (PostgresBinaries.Find() is null)
        {
            Assert.Ignore($"{needs} needs PostgreSQL server binaries: {PostgresBinaries.InstallHint}.");
        }
    }

    /// <summary>Skips the calling test unless the server runs with <c>wal_level=logical</c>.</summary>
    public static async Task RequireLogicalReplicationAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SHOW wal_level", connection);
        var level = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (level != "logical")
        {
            Assert.Ignore($"PostgreSQL runs with wal_level={level}; logical replication tests need " +
                          "wal_level=logical (ALTER SYSTEM SET wal_level = logical, then restart the server).");
        }
    }

    internal static async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
            _container = null;
        }
    }
}
