using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;
using Platform.Contracts;
using Platform.Messaging.Consuming;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Inventory.V1;

namespace Orders.Api.ReadModel;

/// <summary>
/// Builds the read model only from events: every event about an order becomes a timeline
/// entry, and order lifecycle events move the counts by status. Applied once per event by the
/// consumer host's inbox, so counts never drift on redelivery.
/// </summary>
public static class OrderProjection
{
    /// <summary>OrderPlaced.</summary>
    public static Task OnOrderPlacedAsync(OrdersDbContext db, OrderPlaced e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, string.Create(CultureInfo.InvariantCulture, $"Placed by {e.CustomerId}: {e.Lines.Count} line(s), {e.Total.ToDecimal():0.00} {e.Currency}"), null, OrderStatus.Placed, ct);

    /// <summary>OrderConfirmed.</summary>
    public static Task OnOrderConfirmedAsync(OrdersDbContext db, OrderConfirmed e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, "Confirmed: payment authorized and stock reserved", OrderStatus.Placed, OrderStatus.Confirmed, ct);

    /// <summary>OrderCancelled.</summary>
    public static Task OnOrderCancelledAsync(OrdersDbContext db, OrderCancelled e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, $"Cancelled by {e.CancelledBy}: {e.Reason}", OrderStatus.Placed, OrderStatus.Cancelled, ct);

    /// <summary>PaymentAuthorized.</summary>
    public static Task OnPaymentAuthorizedAsync(OrdersDbContext db, PaymentAuthorized e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, string.Create(CultureInfo.InvariantCulture, $"Payment of {e.Amount.ToDecimal():0.00} {e.Currency} authorized"), null, null, ct);

    /// <summary>PaymentDeclined.</summary>
    public static Task OnPaymentDeclinedAsync(OrdersDbContext db, PaymentDeclined e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, $"Payment declined: {e.Reason}", null, null, ct);

    /// <summary>PaymentRefunded.</summary>
    public static Task OnPaymentRefundedAsync(OrdersDbContext db, PaymentRefunded e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, string.Create(CultureInfo.InvariantCulture, $"Payment of {e.Amount.ToDecimal():0.00} {e.Currency} refunded"), null, null, ct);

    /// <summary>StockReserved.</summary>
    public static Task OnStockReservedAsync(OrdersDbContext db, StockReserved e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, $"Stock reserved for {e.Lines.Count} sku(s)", null, null, ct);

    /// <summary>StockRejected.</summary>
    public static Task OnStockRejectedAsync(OrdersDbContext db, StockRejected e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, $"Stock rejected: {e.Reason}", null, null, ct);

    /// <summary>StockReleased.</summary>
    public static Task OnStockReleasedAsync(OrdersDbContext db, StockReleased e, ConsumedEvent c, CancellationToken ct) =>
        RecordAsync(db, e.OrderId, c, $"Stock released for {e.Lines.Count} sku(s)", null, null, ct);

    private static async Task RecordAsync(OrdersDbContext db, string orderId, ConsumedEvent consumed, string summary, OrderStatus? from, OrderStatus? to, CancellationToken ct)
    {
        if (!Guid.TryParse(orderId, out var id))
        {
            throw new InvalidEventException($"order_id '{orderId}' is not a UUID");
        }

        db.Timeline.Add(new TimelineEntry
        {
            EventId = consumed.EventId,
            OrderId = id,
            EventType = consumed.EventType,
            Topic = consumed.Topic,
            Sequence = consumed.Sequence,
            OccurredAt = new DateTimeOffset(consumed.Timestamp, TimeSpan.Zero),
            Summary = summary,
        });
        if (from is { } leaving)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE order_status_counts SET count = count - 1 WHERE status = {leaving.ToString()}", ct);
        }

        if (to is { } entering)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE order_status_counts SET count = count + 1 WHERE status = {entering.ToString()}", ct);
        }
    }
}
