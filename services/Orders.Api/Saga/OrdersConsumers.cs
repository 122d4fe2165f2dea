using Orders.Api.Infrastructure;
using Orders.Api.ReadModel;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Inventory.V1;
using Platform.Persistence.Inbox;

namespace Orders.Api.Saga;

/// <summary>
/// The Orders service's consumers: the saga (group <c>orders-saga</c>, on payment and stock
/// events) and the read model (group <c>orders-read-model</c>, on all three topics). Each can
/// be switched off with <c>Consumers:{name}:Enabled=false</c>, e.g. on API-only instances.
/// </summary>
public static class OrdersConsumers
{
    /// <summary>Consumer (and group) name of the saga.</summary>
    public const string Saga = ConsumerGroups.OrdersSaga;

    /// <summary>Consumer (and group) name of the read model projection.</summary>
    public const string ReadModel = ConsumerGroups.OrdersReadModel;

    /// <summary>Registers both consumers and inbox maintenance; reads <c>Kafka:BootstrapServers</c>.</summary>
    public static IServiceCollection AddOrdersConsumers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddInbox(configuration);
        var saga = new OrderSaga(TimeProvider.System);
        services.AddEventConsumer<OrdersDbContext>(configuration, Saga, Saga, [Topics.PaymentEvents, Topics.InventoryEvents], handlers => handlers
            .Prepare(OrderSaga.PrepareAsync)
            .On(PaymentEventTypes.PaymentAuthorized, PaymentAuthorized.Parser, saga.OnPaymentAuthorizedAsync)
            .On(PaymentEventTypes.PaymentDeclined, PaymentDeclined.Parser, saga.OnPaymentDeclinedAsync)
            .On(InventoryEventTypes.StockReserved, StockReserved.Parser, saga.OnStockReservedAsync)
            .On(InventoryEventTypes.StockRejected, StockRejected.Parser, saga.OnStockRejectedAsync),
            // Batches are safe: PrepareAsync locks a batch's orders in one global (id) order.
            defaults: o => o.MaxBatchSize = 64);
        services.AddEventConsumer<OrdersDbContext>(configuration, ReadModel, ReadModel, [Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents], handlers => handlers
            .On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, OrderProjection.OnOrderPlacedAsync)
            .On(OrderEventTypes.OrderConfirmed, OrderConfirmed.Parser, OrderProjection.OnOrderConfirmedAsync)
            .On(OrderEventTypes.OrderCancelled, OrderCancelled.Parser, OrderProjection.OnOrderCancelledAsync)
            .On(PaymentEventTypes.PaymentAuthorized, PaymentAuthorized.Parser, OrderProjection.OnPaymentAuthorizedAsync)
            .On(PaymentEventTypes.PaymentDeclined, PaymentDeclined.Parser, OrderProjection.OnPaymentDeclinedAsync)
            .On(PaymentEventTypes.PaymentRefunded, PaymentRefunded.Parser, OrderProjection.OnPaymentRefundedAsync)
            .On(InventoryEventTypes.StockReserved, StockReserved.Parser, OrderProjection.OnStockReservedAsync)
            .On(InventoryEventTypes.StockRejected, StockRejected.Parser, OrderProjection.OnStockRejectedAsync)
            .On(InventoryEventTypes.StockReleased, StockReleased.Parser, OrderProjection.OnStockReleasedAsync),
            // Batches are safe here: the only rows locked are the status counts, and every status
            // change takes 'Placed' first, so two batches never wait on each other in a cycle.
            defaults: o => o.MaxBatchSize = 64);
        return services;
    }
}
