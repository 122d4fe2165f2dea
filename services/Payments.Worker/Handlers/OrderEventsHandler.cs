using Microsoft.EntityFrameworkCore;
using Payments.Worker.Domain;
using Payments.Worker.Gateway;
using Payments.Worker.Infrastructure;
using Platform.Contracts;
using Platform.Messaging.Consuming;
using Platform.Contracts.Orders.V1;

namespace Payments.Worker.Handlers;

/// <summary>
/// What Payments does with Order events. Each call runs inside the consumer host's transaction
/// (inbox rows, effects, outbox rows, one commit). <see cref="PrepareAsync"/> runs first for
/// all new events of the transaction; the handlers then read only what it loaded into the
/// change tracker and change tracked state.
/// </summary>
public sealed class OrderEventsHandler(CreditLimitGateway gateway, TimeProvider clock)
{
    /// <summary>
    /// Loads, tracked, the payments of every order concerned and the credit exposure of every
    /// customer and currency the events change (the customers placing orders, and those whose
    /// Authorized payment a cancellation refunds), creating missing rows at 0. Exposure is read
    /// without locking it: changes are written last, as relative changes, and an authorization
    /// that concurrent ones pushed over the limit fails the transaction, which is then decided
    /// again on fresh exposure (see <see cref="CreditExposure"/>).
    /// </summary>
    public static async Task PrepareAsync(PaymentsDbContext db, IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        var orderIds = new List<Guid>(events.Count);
        var cancelled = new HashSet<Guid>();
        var exposures = new HashSet<(string CustomerId, string Currency)>();
        foreach (var consumed in events)
        {
            switch (consumed.EventType)
            {
                case OrderEventTypes.OrderPlaced:
                    var request = PaymentRequests.From(consumed.Decode(OrderPlaced.Parser));
                    orderIds.Add(request.OrderId);
                    exposures.Add((request.CustomerId, request.Currency));
                    break;
                case OrderEventTypes.OrderCancelled:
                    var orderId = PaymentRequests.OrderId(consumed.Decode(OrderCancelled.Parser).OrderId);
                    orderIds.Add(orderId);
                    cancelled.Add(orderId);
                    break;
            }
        }

        var payments = await db.Payments.Where(p => orderIds.Contains(p.OrderId)).ToListAsync(cancellationToken);
        exposures.UnionWith(payments
            .Where(p => cancelled.Contains(p.OrderId) && p.Status == PaymentStatus.Authorized)
            .Select(p => (p.CustomerId, p.Currency)));
        if (exposures.Count == 0)
        {
            return;
        }

        var customers = exposures.Select(e => e.CustomerId).ToArray();
        var currencies = exposures.Select(e => e.Currency).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO credit_exposure (customer_id, currency, outstanding)
            SELECT c, cur, 0 FROM unnest({customers}::text[], {currencies}::text[]) AS e(c, cur) ORDER BY 1, 2
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        await db.CreditExposures
            .FromSql($"""
                SELECT x.customer_id, x.currency, x.outstanding FROM credit_exposure AS x
                JOIN unnest({customers}::text[], {currencies}::text[]) AS e(c, cur) ON x.customer_id = e.c AND x.currency = e.cur
                """)
            .LoadAsync(cancellationToken);
    }

    /// <summary>
    /// Decides the order's payment once: authorized or declined by the gateway. Does nothing when
    /// the order already has a payment (the same order placed again, or an event replayed past
    /// the inbox's retention).
    /// </summary>
    public Task OnPlacedAsync(PaymentsDbContext db, OrderPlaced placed, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(placed);
        var request = PaymentRequests.From(placed);
        if (db.Payments.Local.FindEntry(request.OrderId) is not null)
        {
            return Task.CompletedTask;
        }

        // Loaded by PrepareAsync; this batch's earlier decisions are already counted.
        var exposure = Exposure(db, request.CustomerId, request.Currency);
        var decision = gateway.Decide(exposure.Outstanding, request.Amount, request.Currency);
        var now = clock.GetUtcNow();
        var payment = decision.IsAuthorized
            ? Payment.Authorize(request, now)
            : Payment.Decline(request, decision.DeclineReason!, now);
        if (decision.IsAuthorized)
        {
            exposure.Authorized(payment, gateway.CreditLimit);
        }

        db.Payments.Add(payment);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refunds the order's payment when it is Authorized, freeing its amount in the customer's
    /// exposure. A declined, already refunded or unknown payment needs nothing.
    /// </summary>
    public Task OnCancelledAsync(PaymentsDbContext db, OrderCancelled cancelled, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cancelled);
        var payment = db.Payments.Local.FindEntry(PaymentRequests.OrderId(cancelled.OrderId))?.Entity;
        if (payment is { Status: PaymentStatus.Authorized })
        {
            payment.Refund(clock.GetUtcNow());
            Exposure(db, payment.CustomerId, payment.Currency).Refunded(payment);
        }

        return Task.CompletedTask;
    }

    private static CreditExposure Exposure(PaymentsDbContext db, string customerId, string currency) =>
        db.CreditExposures.Local.FindEntryUntyped([customerId, currency])?.Entity
        ?? throw new InvalidOperationException($"The credit exposure of ({customerId}, {currency}) was not prepared.");
}
