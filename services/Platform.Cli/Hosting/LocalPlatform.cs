using Inventory.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Notifications.Worker;
using Npgsql;
using Orders.Api;
using Payments.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.Api.Infrastructure;
using Platform.Cli.Commands;
using Platform.Dashboard;
using Orders.Api.Security;
using Payments.Worker.Infrastructure;
using Inventory.Worker.Infrastructure;
using Platform.Persistence.Migrations;
using Platform.Persistence.Observability;
using Platform.Relay;

namespace Platform.Cli.Hosting;

/// <summary>
/// The whole platform in one process, each service in its own host with its own database and
/// configuration exactly as if it ran alone: Orders (API, saga, read model), Payments,
/// Inventory, Notifications, one embedded CDC relay per database that writes events
/// (Orders, Payments, Inventory), and optionally the operator dashboard. Used by <c>platform run</c> and the end-to-end tests.
/// </summary>
public sealed class LocalPlatform : IAsyncDisposable
{
    // OTLP service.name of everything this process exports (the relays start first, so theirs wins).
    private const string ServiceName = "platform";
    // The databases whose services write events, each with its own embedded relay.
    private static readonly string[] RelayDatabases = ["orders", "payments", "inventory"];
    private readonly List<IHost> _hosts = [];

    private LocalPlatform(LocalPlatformOptions options) => Options = options;

    /// <summary>What it runs on.</summary>
    public LocalPlatformOptions Options { get; }

    /// <summary>Connection strings of the service databases, by service name.</summary>
    public Dictionary<string, string> Databases { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates missing databases, migrates them, starts the relays (waiting for their slots), then the services.</summary>
    public static async Task<LocalPlatform> StartAsync(LocalPlatformOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var platform = new LocalPlatform(options);
        try
        {
            foreach (var service in new[] { "orders", "payments", "inventory", "notifications" })
            {
                platform.Databases[service] = await EnsureDatabaseAsync(options.PostgresAdmin, options.DatabasePrefix + service, cancellationToken);
            }

            // A replication slot streams only WAL written after it exists: an event committed
            // before its relay's slot would never reach Kafka. So: schemas first (the relays'
            // publications need the outbox tables), then the relays, each waited for until its
            // slot exists, and only then the services that write events.
            var migrator = new SchemaMigrator(NullLogger<SchemaMigrator>.Instance);
            await migrator.MigrateAsync(platform.Databases["orders"], OrdersMigrations.All, cancellationToken);
            await migrator.MigrateAsync(platform.Databases["payments"], PaymentsMigrations.All, cancellationToken);
            await migrator.MigrateAsync(platform.Databases["inventory"], InventoryMigrations.All, cancellationToken);
            foreach (var service in RelayDatabases)
            {
                await platform.StartAsync(platform.BuildRelay(service), cancellationToken);
                await platform.WaitForSlotAsync(platform.SlotName(service), cancellationToken);
            }

            await platform.StartAsync(platform.BuildOrders(), cancellationToken);
            await platform.StartAsync(platform.BuildWorker("Payments", "payments", (s, c) => s.AddPaymentsService(c),
                new() { ["Payments:CreditLimit"] = options.CreditLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) }), cancellationToken);
            await platform.StartAsync(platform.BuildWorker("Inventory", "inventory", (s, c) => s.AddInventoryService(c),
                options.SeedStock.ToDictionary(kv => $"Inventory:SeedStock:{kv.Key}", kv => (string?)kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
            await platform.StartAsync(platform.BuildWorker("Notifications", "notifications", (s, c) => s.AddNotificationsService(c), []), cancellationToken);
            if (options.DashboardUrl is { } dashboard)
            {
                await platform.StartAsync(platform.BuildDashboard(dashboard), cancellationToken);
            }

            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    private WebApplication BuildOrders()
    {
        var builder = OrdersApi.CreateBuilder(["--urls", Options.OrdersUrl]);
        builder.Configuration.AddInMemoryCollection(Settings(new()
        {
            ["ConnectionStrings:Orders"] = Databases["orders"],
            [$"Auth:ApiKeys:{LocalPlatformOptions.ApiClient}"] = ApiKeys.Hash(Options.ApiKey),
        }));
        return OrdersApi.Build(builder);
    }

    private WebApplication BuildDashboard(string url)
    {
        var builder = DashboardApplication.CreateBuilder(url);
        builder.Configuration.AddInMemoryCollection(Settings([]));
        return DashboardApplication.Build(builder, new DashboardOptions
        {
            BootstrapServers = Options.KafkaBootstrapServers,
            // Every consumer the services register; under platform run each group id is its name.
            ConsumerGroups = [.. ConsumerCatalog.Names],
            OrdersApiUrl = new Uri(Options.OrdersUrl),
            ApiKey = Options.ApiKey,
            // Slots are server-wide: any of the databases reads them; only this platform's are shown.
            PostgresConnectionString = Databases["orders"],
            SlotNames = [.. RelayDatabases.Select(SlotName)],
        });
    }

    private IHost BuildWorker(string connectionName, string database, Action<IServiceCollection, IConfiguration> add, Dictionary<string, string?> extra)
    {
        var builder = Host.CreateApplicationBuilder();
        extra[$"ConnectionStrings:{connectionName}"] = Databases[database];
        builder.Configuration.AddInMemoryCollection(Settings(extra));
        // Spans and (when Otlp:Endpoint is set) export as in the service's own process; the
        // console stays human-readable. One process, so one OTLP service name: "platform".
        builder.AddPlatformObservability(ServiceName, jsonLogs: false);
        add(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private IHost BuildRelay(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(new()
        {
            ["Relay:ConnectionString"] = Databases[database],
            ["Relay:BootstrapServers"] = Options.KafkaBootstrapServers,
            ["Relay:SlotName"] = SlotName(database),
        }));
        builder.AddPlatformObservability(ServiceName, KafkaSettingKeys.Relay, jsonLogs: false);
        builder.Services.AddOutboxRelay(builder.Configuration);
        return builder.Build();
    }

    // Replication slots are cluster-wide, publications per database.
    private string SlotName(string database) => $"outbox_relay_{Options.DatabasePrefix}{database}".Replace('-', '_').ToLowerInvariant();

    private async Task WaitForSlotAsync(string slot, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Options.PostgresAdmin);
        await connection.OpenAsync(cancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_replication_slots WHERE slot_name = $1", connection) { Parameters = { new() { Value = slot } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The relay did not create replication slot {slot} within 60 s; see its log.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private Dictionary<string, string?> Settings(Dictionary<string, string?> own)
    {
        own["Kafka:BootstrapServers"] = Options.KafkaBootstrapServers;
        own["Logging:LogLevel:Default"] = Options.LogLevel;
        own["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        own["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";
        foreach (var (key, value) in Options.Settings)
        {
            own[key] = value;
        }

        return own;
    }

    private async Task StartAsync(IHost host, CancellationToken cancellationToken)
    {
        _hosts.Add(host);
        await host.StartAsync(cancellationToken);
    }

    private static async Task<string> EnsureDatabaseAsync(string admin, string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Stops everything in reverse start order: services first, relays last (they relay what the services wrote).</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            try
            {
                await _hosts[i].StopAsync(TimeSpan.FromSeconds(15));
            }
            finally
            {
                if (_hosts[i] is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync();
                }
                else
                {
                    _hosts[i].Dispose();
                }
            }
        }

        _hosts.Clear();
    }
}
