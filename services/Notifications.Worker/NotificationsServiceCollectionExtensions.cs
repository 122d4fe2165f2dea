using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Worker.Domain;
using Notifications.Worker.Handlers;
using Notifications.Worker.Infrastructure;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Persistence;
using Platform.ServiceDefaults.Settings;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Inventory.V1;
using Platform.Persistence.Inbox;

namespace Notifications.Worker;

/// <summary>Registers the Notifications service, so that its own process or <c>platform run</c> can host it.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Consumer name: the named <c>ConsumerOptions</c> and the <c>Consumers:notifications</c> section tuning it.</summary>
    public const string ConsumerName = ConsumerGroups.Notifications;

    /// <summary>
    /// Adds the Notifications database (migrated at start), inbox maintenance and the consumer of
    /// Order, Payment and Inventory events. Reads <c>ConnectionStrings:Notifications</c>,
    /// <c>Kafka:BootstrapServers</c>, the <c>Notifications</c> section (validated at start) and
    /// optional consumer tuning from <c>Consumers:notifications</c>.
    /// </summary>
    public static IServiceCollection AddNotificationsService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(NotificationsOptions.Section);
        services.AddOptions<NotificationsOptions>().Bind(section).ValidateSettings();
        // The consumer's topics and group are needed now, while it is being registered.
        var settings = ServiceSettings.Read<NotificationsOptions>(configuration, NotificationsOptions.Section);

        // First: the database is migrated before the consumer starts.
        services.AddServiceDatabase<NotificationsDbContext>(configuration, "Notifications", NotificationsMigrations.All);
        services.AddInbox(configuration);
        var recorder = new NotificationRecorder(TimeProvider.System);
        services.AddEventConsumer<NotificationsDbContext>(
            configuration,
            ConsumerName,
            settings.GroupId,
            [settings.OrderEventsTopic, settings.PaymentEventsTopic, settings.InventoryEventsTopic],
            // Every event type gets a handler, even those implying no notification, so all are
            // recorded in the inbox rather than counted as unknown types.
            handlers => handlers
                .Prepare(NotificationRecorder.PrepareAsync)
                .On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, (db, e, consumed, ct) => recorder.RecordAsync(db, NotificationRules.For(e), consumed, ct))
                .On(OrderEventTypes.OrderConfirmed, OrderConfirmed.Parser, (db, e, consumed, ct) => recorder.RecordAsync(db, NotificationRules.For(e), consumed, ct))
                .On(OrderEventTypes.OrderCancelled, OrderCancelled.Parser, (db, e, consumed, ct) => recorder.RecordAsync(db, NotificationRules.For(e), consumed, ct))
                .On(PaymentEventTypes.PaymentDeclined, PaymentDeclined.Parser, (db, e, consumed, ct) => recorder.RecordAsync(db, NotificationRules.For(e), consumed, ct))
                .On(PaymentEventTypes.PaymentRefunded, PaymentRefunded.Parser, (db, e, consumed, ct) => recorder.RecordAsync(db, NotificationRules.For(e), consumed, ct))
                .On(PaymentEventTypes.PaymentAuthorized, PaymentAuthorized.Parser, NotificationRecorder.NothingToSay)
                .On(InventoryEventTypes.StockReserved, StockReserved.Parser, NotificationRecorder.NothingToSay)
                .On(InventoryEventTypes.StockRejected, StockRejected.Parser, NotificationRecorder.NothingToSay)
                .On(InventoryEventTypes.StockReleased, StockReleased.Parser, NotificationRecorder.NothingToSay),
            // Batches are safe here: the handlers insert and read, and lock nothing shared.
            defaults: o => o.MaxBatchSize = 64);
        return services;
    }
}
