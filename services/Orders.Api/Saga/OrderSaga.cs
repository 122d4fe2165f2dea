using Microsoft.EntityFrameworkCore;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;
using Platform.Contracts;
using Platform.Messaging.Consuming;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Inventory.V1;

namespace Orders.Api.Saga;

/// <summary>
/// The Orders side of the order saga (choreography): payment and stock results move the order
/// to Confirmed or Cancelled. Runs inside the consumer host's transaction, so the state change,
/// the resulting OrderConfirmed/OrderCancelled outbox row and the inbox row commit together.
/// <see cref="PrepareAsync"/> locks and loads the orders first; the handlers read the tracker.
/// </summary>
public sealed class OrderSaga(TimeProvider clock)
{
    /// <summary>PaymentAuthorized.</summary>
    public Task OnPaymentAuthorizedAsync(OrdersDbContext db, PaymentAuthorized e, ConsumedEvent _, CancellationToken ct) =>
        WithOrder(db, e?.OrderId, order => order.RecordPaymentAuthorized(clock.GetUtcNow()));

    /// <summary>PaymentDeclined.</summary>
    public Task OnPaymentDeclinedAsync(OrdersDbContext db, PaymentDeclined e, ConsumedEvent _, CancellationToken ct) =>
        WithOrder(db, e?.OrderId, order => order.RecordPaymentDeclined(e!.Reason, clock.GetUtcNow()));

    /// <summary>StockReserved.</summary>
    public Task OnStockReservedAsync(OrdersDbContext db, StockReserved e, ConsumedEvent _, CancellationToken ct) =>
        WithOrder(db, e?.OrderId, order => order.RecordStockReserved(clock.GetUtcNow()));

    /// <summary>StockRejected.</summary>
    public Task OnStockRejectedAsync(OrdersDbContext db, StockRejected e, ConsumedEvent _, CancellationToken ct) =>
        WithOrder(db, e?.OrderId, order => order.RecordStockRejected(e!.Reason, clock.GetUtcNow()));

    /// <summary>
    /// Payment and stock results come from different topics and are handled concurrently: locks
    /// the rows of every order concerned, in id order (so two batches sharing orders cannot
    /// deadlock), until the host commits, so the second result sees the first one's effect; then
    /// loads them, tracked, for the handlers.
    /// </summary>
    public static async Task PrepareAsync(OrdersDbContext db, IReadOnlyList<ConsumedEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        var ids = events.Select(e => OrderId(e.EventType switch
        {
            PaymentEventTypes.PaymentAuthorized => e.Decode(PaymentAuthorized.Parser).OrderId,
            PaymentEventTypes.PaymentDeclined => e.Decode(PaymentDeclined.Parser).OrderId,
            InventoryEventTypes.StockReserved => e.Decode(StockReserved.Parser).OrderId,
            InventoryEventTypes.StockRejected => e.Decode(StockRejected.Parser).OrderId,
            _ => throw new InvalidOperationException($"The saga has no handler for {e.EventType}."),
        })).Distinct().Order().ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = ANY({ids}) ORDER BY id FOR UPDATE", ct);
        await db.Orders.Where(o => ids.Contains(o.Id)).LoadAsync(ct);
    }

    private static Task WithOrder(OrdersDbContext db, string? orderId, Action<Order> step)
    {
        var id = OrderId(orderId);
        // Retried (bounded by MaxAttempts, then parked), not an invalid event parked at once: a
        // result can arrive a moment before its order's commit is visible here. PostgreSQL flushes
        // a commit record, and wakes the WAL senders (the relay), before the committing backend
        // leaves the proc array; a backend descheduled in between on a starved machine leaves its
        // order invisible while the events it caused travel on. An order that never appears is
        // still parked, after the attempts.
        var order = db.Orders.Local.FindEntry(id)?.Entity ?? throw new InvalidOperationException($"order {id} does not exist");
        step(order);
        return Task.CompletedTask;
    }

    private static Guid OrderId(string? orderId) =>
        Guid.TryParse(orderId, out var id) ? id : throw new InvalidEventException($"order_id '{orderId}' is not a UUID");
}
