using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Orders.V1;

namespace Notifications.Worker.Domain;

/// <summary>
/// The customer notification each event implies; pure, so the wording is testable without I/O.
/// Events absent here (PaymentAuthorized, StockReserved, StockRejected, StockReleased) imply
/// none: the order's confirmation or cancellation that follows them tells the customer.
/// PaymentDeclined does notify: it tells the customer why, which the cancellation does not.
/// </summary>
public static class NotificationRules
{
    /// <summary>We received the order.</summary>
    public static NotificationDraft For(OrderPlaced placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        return new(placed.CustomerId, placed.OrderId, NotificationKinds.OrderReceived,
            $"We received your order {placed.OrderId} for {Amount(placed.Total, placed.Currency)}. We will confirm it shortly.");
    }

    /// <summary>The order is confirmed.</summary>
    public static NotificationDraft For(OrderConfirmed confirmed)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        return new(null, confirmed.OrderId, NotificationKinds.OrderConfirmed,
            $"Your order {confirmed.OrderId} is confirmed and will be shipped.");
    }

    /// <summary>The order was cancelled, and why.</summary>
    public static NotificationDraft For(OrderCancelled cancelled)
    {
        ArgumentNullException.ThrowIfNull(cancelled);
        return new(null, cancelled.OrderId, NotificationKinds.OrderCancelled,
            $"Your order {cancelled.OrderId} was cancelled: {cancelled.Reason}");
    }

    /// <summary>The payment was declined, and why.</summary>
    public static NotificationDraft For(PaymentDeclined declined)
    {
        ArgumentNullException.ThrowIfNull(declined);
        return new(declined.CustomerId, declined.OrderId, NotificationKinds.PaymentDeclined,
            $"Your payment of {Amount(declined.Amount, declined.Currency)} for order {declined.OrderId} was declined: {declined.Reason}");
    }

    /// <summary>The payment was refunded.</summary>
    public static NotificationDraft For(PaymentRefunded refunded)
    {
        ArgumentNullException.ThrowIfNull(refunded);
        return new(refunded.CustomerId, refunded.OrderId, NotificationKinds.PaymentRefunded,
            $"We refunded {Amount(refunded.Amount, refunded.Currency)} for order {refunded.OrderId}.");
    }

    private static string Amount(Money? money, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{(money ?? new Money()).ToDecimal():0.00} {currency}");
}
