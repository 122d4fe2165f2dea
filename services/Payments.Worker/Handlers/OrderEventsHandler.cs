using Microsoft.EntityFrameworkCore;
using Payments.Worker.Domain;
using Payments.Worker.Gateway;
using Payments.Worker.Infrastructure;
using Platform.Contracts.Orders.V1;
using Platform.Messaging.Consuming;

namespace Payments.Worker.Handlers;

/// <summary>
/// What Payments does with Order events. Each call runs inside the consumer host's transaction
/// (inbox row, effect, outbox rows, one commit), so a handler only changes tracked state.
/// </summary>
public sealed class OrderEventsHandler(CreditLimitGateway gateway, TimeProvider clock)
{
    /// <summary>
    /// Decides the order's payment once: authorized or declined by the gateway. Does nothing when
    /// the order already has a payment (the same order placed again, or an event replayed past
    /// the inbox's retention).
    /// </summary>
    public async Task OnPlacedAsync(PaymentsDbContext db, OrderPlaced placed, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(placed);
        var request = PaymentRequests.From(placed);

        // Held until the host commits: decisions for one customer run one at a time, across
        // partitions and instances, so each sees every earlier authorization of that customer.
        // hashtextextended gives a 64-bit key; a collision only serialises two customers.
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({request.CustomerId}, 0))", cancellationToken);
        if (await db.Payments.AnyAsync(p => p.OrderId == request.OrderId, cancellationToken))
        {
            return;
        }

        var outstanding = await db.Payments
            .Where(p => p.CustomerId == request.CustomerId && p.Currency == request.Currency && p.Status == PaymentStatus.Authorized)
            .SumAsync(p => p.Amount, cancellationToken);
        var decision = gateway.Decide(outstanding, request.Amount, request.Currency);
        var now = clock.GetUtcNow();
        db.Payments.Add(decision.IsAuthorized
            ? Payment.Authorize(request, now)
            : Payment.Decline(request, decision.DeclineReason!, now));
    }

    /// <summary>
    /// Refunds the order's payment when it is Authorized. A declined, already refunded or unknown
    /// payment needs nothing. No customer lock: a refund only lowers the outstanding amount, so a
    /// concurrent decision that misses it errs on the safe side.
    /// </summary>
    public async Task OnCancelledAsync(PaymentsDbContext db, OrderCancelled cancelled, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cancelled);
        var orderId = PaymentRequests.OrderId(cancelled.OrderId);
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        if (payment is { Status: PaymentStatus.Authorized })
        {
            payment.Refund(clock.GetUtcNow());
        }
    }
}
