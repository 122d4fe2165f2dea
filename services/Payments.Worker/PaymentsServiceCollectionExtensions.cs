using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Payments.Worker.Gateway;
using Payments.Worker.Handlers;
using Payments.Worker.Infrastructure;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Persistence;
using Platform.ServiceDefaults.Settings;
using Platform.Contracts.Orders.V1;
using Platform.Persistence.Inbox;

namespace Payments.Worker;

/// <summary>Registers the Payments service, so that its own process or <c>platform run</c> can host it.</summary>
public static class PaymentsServiceCollectionExtensions
{
    /// <summary>Consumer name: the named <c>ConsumerOptions</c> and the <c>Consumers:payments</c> section tuning it.</summary>
    public const string ConsumerName = ConsumerGroups.Payments;

    /// <summary>
    /// Adds the Payments database (migrated at start), inbox maintenance and the consumer of
    /// Order events. Reads <c>ConnectionStrings:Payments</c>, <c>Kafka:BootstrapServers</c>, the
    /// <c>Payments</c> section (validated at start) and optional consumer tuning from
    /// <c>Consumers:payments</c> (e.g. <c>MaxAttempts</c>, <c>SessionTimeoutMs</c>).
    /// </summary>
    public static IServiceCollection AddPaymentsService(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PaymentsOptions.Section);
        services.AddOptions<PaymentsOptions>().Bind(section).ValidateSettings();
        // The handlers and the consumer need the values now, while they are being registered:
        // read and validated at once, so a bad value stops the process naming the setting.
        var settings = ServiceSettings.Read<PaymentsOptions>(configuration, PaymentsOptions.Section);

        // First: the database is migrated before the consumer starts.
        services.AddServiceDatabase<PaymentsDbContext>(configuration, "Payments", PaymentsMigrations.All);
        services.AddInbox(configuration);
        var handler = new OrderEventsHandler(new CreditLimitGateway(settings.CreditLimit), TimeProvider.System);
        services.AddEventConsumer<PaymentsDbContext>(
            configuration,
            ConsumerName,
            settings.GroupId,
            [settings.OrderEventsTopic],
            handlers => handlers
                .Prepare(OrderEventsHandler.PrepareAsync)
                .On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, handler.OnPlacedAsync)
                .On(OrderEventTypes.OrderCancelled, OrderCancelled.Parser, handler.OnCancelledAsync),
            // Batches are safe: PrepareAsync takes a batch's customer locks in one global order.
            defaults: o => o.MaxBatchSize = 64);
        return services;
    }
}
