using Platform.Contracts;
using Orders.Api.Domain;
using Orders.Api.Domain.Events;
using Contract = Platform.Contracts.Orders.V1;

namespace Orders.Tests.Domain;

/// <summary>
/// The Order aggregate without I/O. Covers: placing (total, status, OrderPlaced at sequence 1
/// and its contract), every invariant naming its field, and the transitions Placed -> Confirmed |
/// Cancelled with their events at sequence 2. Does not cover persistence or the outbox rows
/// (see the Api tests).
/// </summary>
public class OrderTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Order Place(string customerId = "customer-1", string currency = "EUR", params OrderLine[] lines) =>
        Order.Place(Guid.CreateVersion7(Now), "client-1", customerId, currency,
            lines.Length == 0 ? [new OrderLine("SKU-1", 2, 12.50m), new OrderLine("SKU-2", 1, 5m)] : lines, Now);

    [Test]
    public void an_order_records_the_client_that_placed_it_and_needs_one()
    {
        Assert.That(Place().ClientId, Is.EqualTo("client-1"));
        Assert.Throws<ArgumentException>(() => Order.Place(Guid.NewGuid(), "", "c", "EUR", [new OrderLine("SKU-1", 1, 1m)], Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => Order.Place(Guid.NewGuid(), new string('k', 257), "c", "EUR", [new OrderLine("SKU-1", 1, 1m)], Now));
    }

    [Test]
    public void placing_an_order_totals_its_lines_and_raises_OrderPlaced_at_sequence_1()
    {
        var order = Place();

        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
            Assert.That(order.Total, Is.EqualTo(30.00m));
            Assert.That(order.Version, Is.EqualTo(1));
            Assert.That(order.PendingEvents, Has.Count.EqualTo(1));
        });
        var raised = order.PendingEvents[0];
        Assert.That(raised.Sequence, Is.EqualTo(1));
        var contract = (Contract.OrderPlaced)((IPublishedEvent)raised.Event).ToContract();
        Assert.Multiple(() =>
        {
            Assert.That(raised.Event, Is.TypeOf<OrderPlaced>());
            Assert.That(contract.OrderId, Is.EqualTo(order.Id.ToString()));
            Assert.That(contract.CustomerId, Is.EqualTo("customer-1"));
            Assert.That(contract.Currency, Is.EqualTo("EUR"));
            Assert.That(contract.Total.Units, Is.EqualTo(30));
            Assert.That(contract.Lines[0].UnitPrice.Units, Is.EqualTo(12));
            Assert.That(contract.Lines[0].UnitPrice.Nanos, Is.EqualTo(500_000_000));
            Assert.That(contract.PlacedAt.ToDateTimeOffset(), Is.EqualTo(Now));
        });
    }

    [TestCase("", "EUR", "customerId")]
    [TestCase("   ", "EUR", "customerId")]
    [TestCase("c-65-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "EUR", "customerId")]
    [TestCase("customer-1", "eur", "currency")]
    [TestCase("customer-1", "XXX", "currency")]
    [TestCase("customer-1", "EURO", "currency")]
    [TestCase("customer-1", "HRK", "currency")]
    public void an_invalid_order_field_is_refused_naming_it(string customerId, string currency, string field)
    {
        var ex = Assert.Throws<OrderValidationException>(() => Place(customerId, currency));
        Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { field }));
    }

    [TestCase("", 1, 1.00, "lines[1].sku")]
    [TestCase("SKU-65-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 1, 1.00, "lines[1].sku")]
    [TestCase("SKU-2", 0, 1.00, "lines[1].quantity")]
    [TestCase("SKU-2", 1001, 1.00, "lines[1].quantity")]
    [TestCase("SKU-2", 1, -0.01, "lines[1].unitPrice")]
    [TestCase("SKU-2", 1, 1.001, "lines[1].unitPrice")]
    [TestCase("SKU-2", 1, 1000000000.01, "lines[1].unitPrice")]
    public void an_invalid_line_is_refused_naming_its_index_and_field(string sku, int quantity, decimal unitPrice, string field)
    {
        var ex = Assert.Throws<OrderValidationException>(() => Place(lines: [new OrderLine("SKU-1", 1, 1m), new OrderLine(sku, quantity, unitPrice)]));
        Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { field }));
    }

    [Test]
    public void every_broken_rule_is_reported_at_once()
    {
        var ex = Assert.Throws<OrderValidationException>(() => Order.Place(Guid.NewGuid(), "client-1", "", "eur", [new OrderLine("", 0, -1m)], Now));
        Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "customerId", "currency", "lines[0].sku", "lines[0].quantity", "lines[0].unitPrice" }));
    }

    [TestCase(0)]
    [TestCase(101)]
    public void an_order_needs_1_to_100_lines(int count)
    {
        var lines = Enumerable.Range(0, count).Select(i => new OrderLine($"SKU-{i}", 1, 1m)).ToArray();
        var ex = Assert.Throws<OrderValidationException>(() => Order.Place(Guid.NewGuid(), "client-1", "c", "EUR", lines, Now));
        Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "lines" }));
    }

    [TestCase(1)]
    [TestCase(100)]
    public void limits_themselves_are_allowed(int count)
    {
        var lines = Enumerable.Range(0, count).Select(i => new OrderLine(new string('s', 64), 1000, 0m)).ToArray();
        Assert.DoesNotThrow(() => Order.Place(Guid.NewGuid(), new string('k', 256), new string('c', 64), "JPY", lines, Now));
    }

    [Test]
    public void cancelling_a_placed_order_raises_OrderCancelled_at_sequence_2()
    {
        var order = Place();
        order.TakePendingEvents();

        order.Cancel("changed my mind", CancellationSources.Customer, Now.AddMinutes(1));

        Assert.That(order.Status, Is.EqualTo(OrderStatus.Cancelled));
        var raised = order.PendingEvents.Single();
        var contract = (Contract.OrderCancelled)((IPublishedEvent)raised.Event).ToContract();
        Assert.Multiple(() =>
        {
            Assert.That(raised.Sequence, Is.EqualTo(2));
            Assert.That(order.Version, Is.EqualTo(2));
            Assert.That(contract.Reason, Is.EqualTo("changed my mind"));
            Assert.That(contract.CancelledBy, Is.EqualTo("customer"));
            Assert.That(contract.CancelledAt.ToDateTimeOffset(), Is.EqualTo(Now.AddMinutes(1)));
        });
    }

    [Test]
    public void confirming_a_placed_order_raises_OrderConfirmed_at_sequence_2()
    {
        var order = Place();

        order.Confirm(Now);

        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Confirmed));
            Assert.That(order.PendingEvents.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(order.PendingEvents[1].Event, Is.TypeOf<OrderConfirmed>());
        });
    }

    [Test]
    public void a_cancelled_or_confirmed_order_cannot_be_cancelled_or_confirmed_again()
    {
        var cancelled = Place();
        cancelled.Cancel("r", CancellationSources.Payment, Now);
        var confirmed = Place();
        confirmed.Confirm(Now);

        Assert.Multiple(() =>
        {
            Assert.Throws<OrderStateException>(() => cancelled.Cancel("again", CancellationSources.Customer, Now));
            Assert.Throws<OrderStateException>(() => cancelled.Confirm(Now));
            Assert.Throws<OrderStateException>(() => confirmed.Cancel("late", CancellationSources.Customer, Now));
            Assert.Throws<OrderStateException>(() => confirmed.Confirm(Now));
            Assert.That(cancelled.Version, Is.EqualTo(2));
            Assert.That(confirmed.Version, Is.EqualTo(2));
        });
    }

    [TestCase("", "customer", "reason")]
    [TestCase("why", "someone", "cancelledBy")]
    public void a_cancellation_needs_a_reason_and_a_known_source(string reason, string by, string field)
    {
        var order = Place();
        var ex = Assert.Throws<OrderValidationException>(() => order.Cancel(reason, by, Now));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { field }));
            Assert.That(order.Status, Is.EqualTo(OrderStatus.Placed));
        });
    }
}
