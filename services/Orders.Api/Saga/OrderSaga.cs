using Microsoft.EntityFrameworkCore;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;
using Platform.Contracts.Inventory.V1;
using Platform.Contracts.Payments.V1;
using Platform.Messaging.Consuming;

namespace Orders.Api.Saga;

/// <summary>
/// The Orders side of the order saga (choreography): payment and stock results move the order
/// to Confirmed or Cancelled. Runs inside the consumer host's transaction, so the state change,
/// the resulting OrderConfirmed/OrderCancelled outbox row and the inbox row commit together.
/// </summary>
public sealed class OrderSaga(TimeProvider clock)
{
    /// <summary>PaymentAuthorized.</summary>
    public Task OnPaymentAuthorizedAsync(OrdersDbContext db, PaymentAuthorized e, ConsumedEvent _, CancellationToken ct) =>
        WithOrderAsync(db, e?.OrderId, order => order.RecordPaymentAuthorized(clock.GetUtcNow()), ct);

    /// <summary>PaymentDeclined.</summary>
    public Task OnPaymentDeclinedAsync(OrdersDbContext db, PaymentDeclined e, ConsumedEvent _, CancellationToken ct) =>
        WithOrderAsync(db, e?.OrderId, order => order.RecordPaymentDeclined(e!.Reason, clock.GetUtcNow()), ct);

    /// <summary>StockReserved.</summary>
    public Task OnStockReservedAsync(OrdersDbContext db, StockReserved e, ConsumedEvent _, CancellationToken ct) =>
        WithOrderAsync(db, e?.OrderId, order => order.RecordStockReserved(clock.GetUtcNow()), ct);

    /// <summary>StockRejected.</summary>
    public Task OnStockRejectedAsync(OrdersDbContext db, StockRejected e, ConsumedEvent _, CancellationToken ct) =>
        WithOrderAsync(db, e?.OrderId, order => order.RecordStockRejected(e!.Reason, clock.GetUtcNow()), ct);

    private static async Task WithOrderAsync(OrdersDbContext db, string? orderId, Action<Order> step, CancellationToken ct)
    {
        if (!Guid.TryParse(orderId, out var id))
        {
            throw new InvalidEventException($"order_id '{orderId}' is not a UUID");
        }

        // Payment and stock results come from different topics and are handled concurrently:
        // lock the order row so the second result sees the first one's effect.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {id} FOR UPDATE", ct);
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new InvalidEventException($"order {id} does not exist");
        step(order);
    }
}
