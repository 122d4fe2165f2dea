using Platform.Contracts;
using Inventory.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Notifications.Worker;
using Orders.Api;
using Payments.Worker;
using Platform.Dashboard;
using Platform.Kafka;
using Platform.Messaging.Consuming;
using Platform.Relay;
using Platform.ServiceDefaults;

namespace Platform.AppHost;

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
            foreach (var (service, connectionString) in await PlatformSetup.PrepareDatabasesAsync(options.PostgresAdmin, options.DatabasePrefix, cancellationToken))
            {
                platform.Databases[service] = connectionString;
            }

            // A replication slot streams only WAL written after it exists: an event committed
            // before its relay's slot would never reach Kafka. So: schemas first (the relays'
            // publications need the outbox tables), then the relays, each waited for until its
            // slot exists, and only then the services that write events.
            foreach (var service in PlatformSetup.EventSources)
            {
                await platform.StartAsync(platform.BuildRelay(service), cancellationToken);
                await PlatformSetup.WaitForSlotAsync(options.PostgresAdmin, platform.SlotName(service), cancellationToken);
            }

            await platform.StartAsync(platform.BuildOrders(), cancellationToken);
            await platform.StartAsync(platform.BuildWorker((s, c) => s.AddPaymentsService(c),
                PlatformSetup.PaymentsSettings(platform.Databases["payments"], options.CreditLimit)), cancellationToken);
            await platform.StartAsync(platform.BuildWorker((s, c) => s.AddInventoryService(c),
                PlatformSetup.InventorySettings(platform.Databases["inventory"], options.SeedStock)), cancellationToken);
            await platform.StartAsync(platform.BuildWorker((s, c) => s.AddNotificationsService(c),
                PlatformSetup.NotificationsSettings(platform.Databases["notifications"])), cancellationToken);
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
        builder.Configuration.AddInMemoryCollection(Settings(
            PlatformSetup.OrdersSettings(Databases["orders"], LocalPlatformOptions.ApiClient, Options.ApiKey,
                (LocalPlatformOptions.OperatorName, Options.OperatorKey))));
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
            ConsumerGroups = [.. ConsumerGroups.All],
            OrdersApiUrl = new Uri(Options.OrdersUrl),
            // GET /stats counts every client's orders: an operator's credential, not the client's.
            ApiKey = Options.OperatorKey,
            // Slots are server-wide: any of the databases reads them; only this platform's are shown.
            PostgresConnectionString = Databases["orders"],
            SlotNames = [.. PlatformSetup.EventSources.Select(SlotName)],
        });
    }

    private IHost BuildWorker(Action<IServiceCollection, IConfiguration> add, Dictionary<string, string?> own)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(own));
        // Spans and (when Otlp:Endpoint is set) export as in the service's own process; the
        // console stays human-readable. One process, so one OTLP service name: "platform".
        builder.AddServiceDefaults(ServiceName, jsonLogs: false);
        add(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private IHost BuildRelay(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(
            PlatformSetup.RelaySettings(Databases[database], Options.KafkaBootstrapServers, SlotName(database))));
        builder.AddServiceDefaults(ServiceName, KafkaSettingKeys.Relay, jsonLogs: false);
        builder.Services.AddOutboxRelay(builder.Configuration);
        return builder.Build();
    }

    private string SlotName(string database) => PlatformSetup.SlotName(Options.DatabasePrefix, database);

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

    /// <summary>
    /// Returns once every consumer group member of the platform holds all partitions of its topics
    /// (each group has one member here): an order placed then is served end to end without waiting
    /// for a group to form. Topics must exist with <see cref="Topics.Partitions"/> partitions
    /// (created before the services start). Throws <see cref="TimeoutException"/> naming the
    /// groups still waiting after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForConsumersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var members = _hosts.SelectMany(host => host.Services.GetServices<IHostedService>().OfType<IConsumerGroupMember>()).ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var waiting = members.Where(m => m.Assigned.Count < m.Topics.Count * Topics.Partitions).Select(m => m.GroupId).ToList();
            if (waiting.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Consumer groups {string.Join(", ", waiting)} did not get their partitions within {timeout.TotalSeconds:0} s; see the log.");
            }

            await Task.Delay(50, cancellationToken);
        }
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
