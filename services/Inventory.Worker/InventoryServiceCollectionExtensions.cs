using Inventory.Worker.Handlers;
using Inventory.Worker.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Persistence;
using Platform.ServiceDefaults.Settings;
using Platform.Contracts.Orders.V1;
using Platform.Persistence.Inbox;

namespace Inventory.Worker;

/// <summary>Registers the Inventory service, so that its own process or <c>platform run</c> can host it.</summary>
public static class InventoryServiceCollectionExtensions
{
    /// <summary>Consumer name: the named <c>ConsumerOptions</c> and the <c>Consumers:inventory</c> section tuning it.</summary>
    public const string ConsumerName = ConsumerGroups.Inventory;

    /// <summary>
    /// Adds the Inventory database (migrated at start), stock seeding, inbox maintenance and the
    /// consumer of Order events. Reads <c>ConnectionStrings:Inventory</c>,
    /// <c>Kafka:BootstrapServers</c>, the <c>Inventory</c> section (validated at start) and
    /// optional consumer tuning from <c>Consumers:inventory</c>.
    /// </summary>
    public static IServiceCollection AddInventoryService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(InventoryOptions.Section);
        services.AddOptions<InventoryOptions>().Bind(section).ValidateSettings();
        // The consumer's topic and group are needed now, while it is being registered.
        var settings = ServiceSettings.Read<InventoryOptions>(configuration, InventoryOptions.Section);

        // Registration order is start order: migrate, seed, then consume.
        services.AddServiceDatabase<InventoryDbContext>(configuration, "Inventory", InventoryMigrations.All);
        services.AddHostedService<StockSeeder>();
        services.AddInbox(configuration);
        var handler = new OrderEventsHandler(TimeProvider.System);
        services.AddEventConsumer<InventoryDbContext>(
            configuration,
            ConsumerName,
            settings.GroupId,
            [settings.OrderEventsTopic],
            handlers => handlers
                .Prepare(OrderEventsHandler.PrepareAsync)
                .On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, handler.OnPlacedAsync)
                .On(OrderEventTypes.OrderCancelled, OrderCancelled.Parser, handler.OnCancelledAsync),
            // Batches are safe: PrepareAsync locks a batch's stock rows in one global (sku) order.
            defaults: o => o.MaxBatchSize = 64);
        return services;
    }
}
