using System.Net;

namespace EndToEnd.Tests;

/// <summary>
/// The order saga across every service, as <c>platform run</c> hosts it: Orders API ->
/// outbox -> embedded CDC relay -> Kafka -> Payments / Inventory / Notifications / Orders
/// consumers -> their outboxes -> relays -> ... Covers outcomes, cross-service agreement,
/// exactly-once effects and redelivery; does not cover process crashes (the relay and consumer
/// tests do) or Debezium.
/// </summary>
public class OrderSagaEndToEndTests
{
    private const int Orders = 500;

    [Test]
    public async Task five_hundred_orders_with_mixed_outcomes_end_terminal_and_every_service_agrees()
    {
        await using var platform = await PlatformScenario.StartAsync("saga");
        var placed = await PlaceMixAsync(platform, Orders);

        await WaitSettledAsync(platform, Orders);

        var orders = (await platform.QueryAsync("orders", "SELECT id, status, cancelled_by FROM orders"))
            .ToDictionary(r => (Guid)r[0], r => (Status: (string)r[1], By: r[2] as string));
        var payments = (await platform.QueryAsync("payments", "SELECT order_id, status FROM payments")).ToDictionary(r => (Guid)r[0], r => (string)r[1]);
        var reservations = (await platform.QueryAsync("inventory", "SELECT order_id, status FROM reservations")).ToDictionary(r => (Guid)r[0], r => (string)r[1]);
        Assert.Multiple(() =>
        {
            Assert.That(orders, Has.Count.EqualTo(Orders));
            Assert.That(orders.Values.Select(o => o.Status), Has.All.AnyOf("Confirmed", "Cancelled"), "every order is terminal");
            Assert.That(payments.Keys, Is.EquivalentTo(orders.Keys), "one payment decision per order: nobody charged twice");
            Assert.That(reservations.Keys, Is.EquivalentTo(orders.Keys), "one reservation decision per order");
            foreach (var (id, kind) in placed)
            {
                var (status, by) = orders[id];
                var expected = kind switch
                {
                    Kind.OverLimit => ("Cancelled", "payment"),
                    Kind.UnknownSku => ("Cancelled", "inventory"),
                    Kind.CustomerCancels => ("Cancelled", "customer"),
                    _ => ("Confirmed", (string?)null),
                };
                Assert.That((status, by), Is.EqualTo(expected), $"order {id} ({kind})");
                Assert.That(payments[id], Is.EqualTo(status == "Confirmed" ? "Authorized" : kind == Kind.OverLimit ? "Declined" : "Refunded"), $"payment of {id} ({kind})");
                Assert.That(reservations[id], Is.EqualTo(status == "Confirmed" ? "Reserved" : kind == Kind.UnknownSku ? "Rejected" : "Released"), $"stock of {id} ({kind})");
            }
        });

        // Stock moved exactly once per confirmed line: nothing reserved twice, everything released.
        var confirmedUnits = placed.Count(p => p.Kind == Kind.Normal) * 2;
        var stock = await platform.CountAsync("inventory", "SELECT sum(available) FROM stock WHERE sku LIKE 'SKU-%'");
        Assert.That(stock, Is.EqualTo(PlatformScenario.Stock.Values.Sum() - confirmedUnits));
        Assert.That(await platform.CountAsync("notifications", "SELECT count(*) FROM notifications WHERE kind = 'OrderReceived'"), Is.EqualTo(Orders));
        var stats = await platform.OperatorHttp.GetStringAsync("/stats");
        var confirmed = orders.Values.Count(o => o.Status == "Confirmed");
        Assert.That(stats, Is.EqualTo($"{{\"placed\":0,\"confirmed\":{confirmed},\"cancelled\":{Orders - confirmed},\"total\":{Orders}}}"));
    }

    [Test]
    public async Task delivering_every_record_a_second_time_changes_nothing()
    {
        await using var platform = await PlatformScenario.StartAsync("redelivery");
        await PlaceMixAsync(platform, 40);
        await WaitSettledAsync(platform, 40);
        var before = await SnapshotAsync(platform);

        var copied = platform.RedeliverEverything();
        await Eventually.WaitAsync(() => Task.FromResult(platform.ConsumersCaughtUp()), "every consumer group to process the redelivered records", TimeSpan.FromSeconds(120));

        Assert.That(copied, Is.GreaterThan(40 * 3), "order, payment and stock events were all redelivered");
        Assert.That(await SnapshotAsync(platform), Is.EqualTo(before));
    }

    private enum Kind
    {
        Normal,
        OverLimit,
        UnknownSku,
        CustomerCancels,
    }

    /// <summary>Places <paramref name="count"/> orders, 16 at a time: 70% normal, 10% over the credit limit, 10% with an unknown sku, 10% cancelled by the customer.</summary>
    private static async Task<List<(Guid Id, Kind Kind)>> PlaceMixAsync(PlatformScenario platform, int count)
    {
        var placed = new List<(Guid, Kind)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var customer = $"customer-{i % 50}";
            var sku = $"SKU-{(i % 5) + 1}";
            var kind = (i % 10) switch { 0 => Kind.OverLimit, 1 => Kind.UnknownSku, 2 => Kind.CustomerCancels, _ => Kind.Normal };
            var id = kind switch
            {
                Kind.OverLimit => await platform.PlaceAsync(customer, (sku, 1, PlatformScenario.CreditLimit + 1)),
                Kind.UnknownSku => await platform.PlaceAsync(customer, ("SKU-404", 2, 5m)),
                _ => await platform.PlaceAsync(customer, (sku, 2, 5m)),
            };
            if (kind == Kind.CustomerCancels)
            {
                // Placed orders are cancellable until the saga confirms them; a 409 means it won the race.
                var status = await platform.CancelAsync(id);
                kind = status == HttpStatusCode.OK ? Kind.CustomerCancels : Kind.Normal;
            }

            lock (placed)
            {
                placed.Add((id, kind));
            }
        });
        return placed;
    }

    /// <summary>
    /// Every order terminal, every compensation done (only confirmed orders keep a payment and a
    /// reservation), the read model up to date, and every consumer caught up with its topics.
    /// </summary>
    private static Task WaitSettledAsync(PlatformScenario platform, int orders) =>
        Eventually.WaitAsync(async () =>
        {
            var confirmed = await platform.CountAsync("orders", "SELECT count(*) FROM orders WHERE status = 'Confirmed'");
            return await platform.CountAsync("orders", "SELECT count(*) FROM orders WHERE status <> 'Placed'") == orders
                && await platform.CountAsync("payments", "SELECT count(*) FROM payments") == orders
                && await platform.CountAsync("payments", "SELECT count(*) FROM payments WHERE status = 'Authorized'") == confirmed
                && await platform.CountAsync("inventory", "SELECT count(*) FROM reservations") == orders
                && await platform.CountAsync("inventory", "SELECT count(*) FROM reservations WHERE status = 'Reserved'") == confirmed
                && await platform.CountAsync("orders", "SELECT count FROM order_status_counts WHERE status = 'Confirmed'") == confirmed
                && await platform.CountAsync("orders", "SELECT sum(count) FROM order_status_counts") == orders
                && await platform.CountAsync("orders", "SELECT count FROM order_status_counts WHERE status = 'Placed'") == 0
                && platform.ConsumersCaughtUp();
        }, "every order to settle and every consumer to catch up", TimeSpan.FromSeconds(240));

    private static async Task<string> SnapshotAsync(PlatformScenario platform)
    {
        var parts = new List<string>();
        foreach (var (service, sql) in new[]
        {
            ("orders", "SELECT id::text || status || version FROM orders ORDER BY id"),
            ("orders", "SELECT count(*)::text FROM order_timeline"),
            ("orders", "SELECT status || count FROM order_status_counts ORDER BY status"),
            ("payments", "SELECT order_id::text || status || version FROM payments ORDER BY order_id"),
            ("inventory", "SELECT order_id::text || status || version FROM reservations ORDER BY order_id"),
            ("inventory", "SELECT sku || available FROM stock ORDER BY sku"),
            ("notifications", "SELECT count(*)::text FROM notifications"),
        })
        {
            parts.AddRange((await platform.QueryAsync(service, sql)).Select(r => service + ":" + r[0]));
        }

        return string.Join('\n', parts);
    }
}
