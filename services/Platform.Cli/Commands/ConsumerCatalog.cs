using Inventory.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Notifications.Worker;
using Orders.Api.Infrastructure;
using Orders.Api.Saga;
using Payments.Worker;
using Platform.Messaging.Consuming;
using Platform.Replay;

namespace Platform.Cli.Commands;

/// <summary>
/// Which service registers which consumer, so the CLI can build that service's container
/// (built, never started: no hosted service runs, no group is joined) and take the consumer's
/// <see cref="IEventPipeline"/> from it: the same handlers, inbox and dead-letter topic as the
/// live consumer. Configuration as the service reads it: environment variables
/// (<c>ConnectionStrings__Orders</c>, <c>Inbox__Retention</c>, <c>Consumers__payments__MaxAttempts</c>, ...),
/// with <c>Kafka:BootstrapServers</c> from the command line.
/// </summary>
internal static class ConsumerCatalog
{
    private static readonly Dictionary<string, Action<IServiceCollection, IConfiguration>> Registrations = new(StringComparer.Ordinal)
    {
        [OrdersConsumers.Saga] = AddOrders,
        [OrdersConsumers.ReadModel] = AddOrders,
        [PaymentsServiceCollectionExtensions.ConsumerName] = (s, c) => s.AddPaymentsService(c),
        [InventoryServiceCollectionExtensions.ConsumerName] = (s, c) => s.AddInventoryService(c),
        [NotificationsServiceCollectionExtensions.ConsumerName] = (s, c) => s.AddNotificationsService(c),
    };

    /// <summary>The consumers the services register.</summary>
    public static IReadOnlyCollection<string> Names => Registrations.Keys;

    /// <summary>Environment variables, then <paramref name="bootstrapServers"/> as <c>Kafka:BootstrapServers</c>.</summary>
    public static IConfiguration Configuration(string bootstrapServers) => new ConfigurationBuilder()
        .AddEnvironmentVariables()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = bootstrapServers })
        .Build();

    /// <summary>
    /// Builds the container of the service owning consumer <paramref name="name"/> and validates its
    /// settings as the service would at start. Unknown name: exit 4; bad settings: exit 2, naming them.
    /// The caller disposes the container (it owns the pipeline and its dead-letter producer).
    /// </summary>
    public static (ServiceProvider Services, IEventPipeline Pipeline) Open(string name, IConfiguration configuration)
    {
        if (!Registrations.TryGetValue(name, out var register))
        {
            throw new ReplayException(ReplayExitCode.UnknownConsumer, $"--consumer: no consumer '{name}'; known: {string.Join(", ", Names)}.");
        }

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        ServiceProvider? provider = null;
        try
        {
            register(services, configuration);
            provider = services.BuildServiceProvider();
            // What the host checks at start (ValidateOnStart): a bad setting must stop us before
            // the first record, not fail every delivery into the dead-letter topic.
            provider.GetService<IStartupValidator>()?.Validate();
            return (provider, provider.GetRequiredKeyedService<IEventPipeline>(name));
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            provider?.Dispose();
            throw new ReplayException(ReplayExitCode.BadInput, $"Consumer '{name}' is not configured: {ex.Message}");
        }
    }

    private static void AddOrders(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrdersInfrastructure();
        services.AddOrdersConsumers(configuration);
    }
}
