using Google.Protobuf.WellKnownTypes;
using Platform.Contracts;
using Services.Tests.Driving;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Inventory.V1;

namespace Services.Tests.Notifications;

/// <summary>
/// The Notifications service, a second consumer group on the order, payment and inventory
/// topics, records one notification per event that implies one, none for the others, and none
/// twice when records are delivered again. Covers fan-out across three topics, the customer
/// lookup for order events that do not name the customer, and deduplication; the wording is
/// covered by <see cref="NotificationRulesTests"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class NotificationsTests
{
    [Test]
    public async Task each_event_that_implies_a_notification_records_exactly_one_and_the_others_none()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Notifications, "notify-kinds");
        var (happy, declined) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await PublishSagaAsync(world, happy, declined);
        await world.WaitUntilHandledAsync();

        var notifications = await NotificationsAsync(world);
        Assert.That(notifications.Where(n => n.OrderId == happy.ToString()).Select(n => (n.CustomerId, n.Kind)),
            Is.EquivalentTo(new[] { ("alice", "OrderReceived"), ("alice", "OrderConfirmed") }));
        Assert.That(notifications.Where(n => n.OrderId == declined.ToString()).Select(n => (n.CustomerId, n.Kind)),
            Is.EquivalentTo(new[] { ("bob", "OrderReceived"), ("bob", "PaymentDeclined"), ("bob", "OrderCancelled"), ("bob", "PaymentRefunded") }));
        Assert.That(notifications.Single(n => n.Kind == "OrderCancelled").Message, Does.Contain("payment declined"));
        Assert.That(world.Counters.Processed, Is.EqualTo(11), "every event, including those implying nothing, went through the inbox");
    }

    [Test]
    public async Task events_delivered_again_record_no_second_notification()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Notifications, "notify-again");
        var events = await PublishSagaAsync(world, Guid.CreateVersion7(), Guid.CreateVersion7());
        await world.WaitUntilHandledAsync();
        var before = await NotificationsAsync(world);

        foreach (var produced in events)
        {
            await world.DeliverAsync(produced);
        }

        await world.WaitUntilHandledAsync();
        Assert.That(world.Counters.Duplicates, Is.EqualTo(events.Count));
        Assert.That(await NotificationsAsync(world), Is.EquivalentTo(before));
    }

    /// <summary>
    /// Two orders' events on all three topics: one confirmed (nothing to say about its payment
    /// and stock), one whose payment was declined, so it was cancelled and (in this scripted
    /// world) refunded and its stock released.
    /// </summary>
    private static async Task<List<ProducedEvent>> PublishSagaAsync(ServiceWorld world, Guid happy, Guid declined)
    {
        var now = Timestamp.FromDateTime(DateTime.UtcNow);
        var money = 20m.ToMoney();
        return
        [
            await world.PlaceAsync(OrderEvents.Placed(happy, "alice", 20m, lines: [("apple", 1)])),
            await world.PublishAsync(world.PaymentTopic, happy.ToString(), PaymentEventTypes.PaymentAuthorized,
                new PaymentAuthorized { OrderId = happy.ToString(), CustomerId = "alice", Amount = money, Currency = "EUR", AuthorizedAt = now }),
            await world.PublishAsync(world.InventoryTopic, happy.ToString(), InventoryEventTypes.StockReserved,
                new StockReserved { OrderId = happy.ToString(), CustomerId = "alice", Lines = { new ReservedLine { Sku = "apple", Quantity = 1 } }, ReservedAt = now }),
            await world.ConfirmAsync(happy),
            await world.PlaceAsync(OrderEvents.Placed(declined, "bob", 20m, lines: [("apple", 1)])),
            await world.PublishAsync(world.PaymentTopic, declined.ToString(), PaymentEventTypes.PaymentDeclined,
                new PaymentDeclined { OrderId = declined.ToString(), CustomerId = "bob", Amount = money, Currency = "EUR", Reason = "credit limit exceeded", DeclinedAt = now }),
            await world.PublishAsync(world.InventoryTopic, declined.ToString(), InventoryEventTypes.StockRejected,
                new StockRejected { OrderId = declined.ToString(), CustomerId = "bob", Reason = "short: apple", Skus = { "apple" }, RejectedAt = now }),
            await world.CancelAsync(declined, "payment declined: credit limit exceeded"),
            await world.PublishAsync(world.PaymentTopic, declined.ToString(), PaymentEventTypes.PaymentRefunded,
                new PaymentRefunded { OrderId = declined.ToString(), CustomerId = "bob", Amount = money, Currency = "EUR", RefundedAt = now }, 2),
            await world.PublishAsync(world.InventoryTopic, declined.ToString(), InventoryEventTypes.StockReleased,
                new StockReleased { OrderId = declined.ToString(), CustomerId = "bob", ReleasedAt = now }, 2),
            await world.PublishAsync(world.InventoryTopic, happy.ToString(), InventoryEventTypes.StockReleased,
                new StockReleased { OrderId = happy.ToString(), CustomerId = "alice", ReleasedAt = now }, 2),
        ];
    }

    private static Task<List<(string CustomerId, string OrderId, string Kind, string Message, Guid EventId)>> NotificationsAsync(ServiceWorld world) =>
        world.QueryAsync(
            "SELECT customer_id, order_id, kind, message, event_id FROM notifications",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetGuid(4)));
}
