using Platform.Contracts;
using Services.Tests.Driving;
using Contract = Platform.Contracts.Payments.V1;

namespace Services.Tests.Payments;

/// <summary>
/// The Payments service decides each placed order once against the credit-limit gateway, never
/// letting concurrent decisions together pass a customer's limit, refunds authorized payments of cancelled orders, and announces every
/// change as an outbox row (type, aggregate, sequence, payload). Covers the consumer wiring, the
/// database and the events; does not cover relaying those rows to Kafka (the relay's tests do)
/// nor the Orders saga reacting to them.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PaymentsTests
{
    private static readonly Dictionary<string, string?> Limit100 = new() { ["Payments:CreditLimit"] = "100.00" };

    [Test]
    public async Task an_order_within_the_credit_limit_is_authorized_and_one_over_it_is_declined()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "pay-limit", Limit100);
        var (first, second, dollars) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await world.PlaceAsync(OrderEvents.Placed(first, "alice", 60m));
        await world.WaitUntilHandledAsync();
        await world.PlaceAsync(OrderEvents.Placed(second, "alice", 40.01m));
        await world.PlaceAsync(OrderEvents.Placed(dollars, "alice", 100m, "USD"));
        await world.WaitUntilHandledAsync();

        var outbox = await world.OutboxAsync();
        Assert.That(outbox.Select(r => (r.AggregateType, r.Sequence)), Is.All.EqualTo((AggregateTypes.Payment, 1L)));
        var authorized = outbox.Single(r => r.AggregateId == first.ToString());
        Assert.That(authorized.Type, Is.EqualTo(PaymentEventTypes.PaymentAuthorized));
        var authorizedEvent = Contract.PaymentAuthorized.Parser.ParseFrom(authorized.Payload);
        Assert.That((authorizedEvent.OrderId, authorizedEvent.CustomerId, authorizedEvent.Amount.ToDecimal(), authorizedEvent.Currency),
            Is.EqualTo((first.ToString(), "alice", 60m, "EUR")));

        var declined = outbox.Single(r => r.AggregateId == second.ToString());
        Assert.That(declined.Type, Is.EqualTo(PaymentEventTypes.PaymentDeclined));
        var declinedEvent = Contract.PaymentDeclined.Parser.ParseFrom(declined.Payload);
        Assert.That(declinedEvent.Amount.ToDecimal(), Is.EqualTo(40.01m));
        Assert.That(declinedEvent.Reason, Does.Contain("credit limit exceeded").And.Contain("60.00 EUR outstanding"));

        // The limit holds per currency: the USD order only counts USD payments.
        Assert.That(outbox.Single(r => r.AggregateId == dollars.ToString()).Type, Is.EqualTo(PaymentEventTypes.PaymentAuthorized));
    }

    [Test]
    public async Task concurrent_orders_of_one_customer_never_authorize_more_than_the_credit_limit()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "pay-concurrent", Limit100);
        // 24 orders of 10.00 spread over every partition (keys differ), so partition workers
        // decide them concurrently on exposure read without a lock; the write-time check makes a
        // decision that concurrent ones pushed over the limit fail, and it is decided again.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => world.PlaceAsync(OrderEvents.Placed(Guid.CreateVersion7(), "bob", 10m))));
        await world.WaitUntilHandledAsync();

        var statuses = await world.QueryAsync("SELECT status, amount FROM payments", r => (Status: r.GetString(0), Amount: r.GetDecimal(1)));
        Assert.That(statuses, Has.Count.EqualTo(24));
        Assert.That(statuses.Where(p => p.Status == "Authorized").Sum(p => p.Amount), Is.EqualTo(100m));
        Assert.That(statuses.Count(p => p.Status == "Declined"), Is.EqualTo(14));
        Assert.That(await world.QueryAsync("SELECT outstanding FROM credit_exposure WHERE customer_id = 'bob'", r => r.GetDecimal(0)), Is.EqualTo(new[] { 100m }),
            "the customer's exposure is the sum of its authorized payments");
        Assert.That(world.Counters.DeadLettered, Is.Zero, "a decision that failed the write-time check was decided again, not parked");
    }

    [Test]
    public async Task cancelling_an_authorized_order_refunds_it_once_and_frees_its_credit()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "pay-refund", Limit100);
        var (order, later) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await world.PlaceAsync(OrderEvents.Placed(order, "carol", 100m));
        var cancelled = await world.CancelAsync(order);
        await world.DeliverAsync(cancelled);
        await world.WaitUntilHandledAsync();
        await world.PlaceAsync(OrderEvents.Placed(later, "carol", 100m));
        await world.WaitUntilHandledAsync();

        var outbox = await world.OutboxAsync();
        var events = outbox.Where(r => r.AggregateId == order.ToString()).Select(r => (r.Type, r.Sequence));
        Assert.That(events, Is.EqualTo(new[] { (PaymentEventTypes.PaymentAuthorized, 1L), (PaymentEventTypes.PaymentRefunded, 2L) }));
        var refunded = Contract.PaymentRefunded.Parser.ParseFrom(outbox.Single(r => r.Type == PaymentEventTypes.PaymentRefunded).Payload);
        Assert.That((refunded.OrderId, refunded.CustomerId, refunded.Amount.ToDecimal()), Is.EqualTo((order.ToString(), "carol", 100m)));
        Assert.That(outbox.Single(r => r.AggregateId == later.ToString()).Type, Is.EqualTo(PaymentEventTypes.PaymentAuthorized));
        Assert.That(await world.QueryAsync("SELECT outstanding FROM credit_exposure WHERE customer_id = 'carol'", r => r.GetDecimal(0)), Is.EqualTo(new[] { 100m }),
            "the refund freed 100.00, the later order took it again");
    }

    [Test]
    public async Task cancelling_a_declined_or_unknown_order_refunds_nothing()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "pay-no-refund", Limit100);
        var (declined, unknown) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await world.PlaceAsync(OrderEvents.Placed(declined, "dave", 150m));
        await world.CancelAsync(declined);
        await world.CancelAsync(unknown);
        await world.WaitUntilHandledAsync();

        var outbox = await world.OutboxAsync();
        Assert.That(outbox.Select(r => r.Type), Is.EqualTo(new[] { PaymentEventTypes.PaymentDeclined }));
        Assert.That(await world.QueryAsync("SELECT status FROM payments", r => r.GetString(0)), Is.EqualTo(new[] { "Declined" }));
        Assert.That(world.Counters.Processed, Is.EqualTo(3), "both cancellations were applied (as no-ops), not parked");
    }

    [Test]
    public async Task an_order_placed_twice_is_decided_once()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "pay-twice", Limit100);
        var order = Guid.CreateVersion7();
        var placed = OrderEvents.Placed(order, "erin", 30m);
        var first = await world.PlaceAsync(placed);
        await world.DeliverAsync(first);
        // A second event for the same order (a different event id) gets past the inbox; the
        // payment's existence stops it.
        await world.PlaceAsync(placed);
        await world.WaitUntilHandledAsync();

        Assert.That(world.Counters.Duplicates, Is.EqualTo(1));
        Assert.That((await world.OutboxAsync()).Select(r => r.Type), Is.EqualTo(new[] { PaymentEventTypes.PaymentAuthorized }));
        Assert.That(await world.QueryAsync("SELECT amount FROM payments", r => r.GetDecimal(0)), Is.EqualTo(new[] { 30m }));
    }
}
