using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;
using Orders.Tests.Support;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// One SaveChanges may carry several events of one aggregate (a consumer saves once per batch).
/// The outbox rows must be written, and so relayed, in the order the events were raised: ids
/// ascending with each aggregate's sequence. Covers the outbox interceptor's row ids and insert
/// order; relaying them is the relay's tests' business.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class OutboxOrderTests
{
    /// <summary>
    /// In EF Core's own transaction (or the caller's with savepoints on) the rows are inserted by
    /// the change tracker; in a caller's transaction with savepoints off (the consumer host's) in
    /// one statement by the interceptor. Both must keep raise order.
    /// </summary>
    [Test]
    public async Task events_raised_before_one_save_are_written_in_the_order_they_were_raised([Values] bool callerTransactionWithoutSavepoints)
    {
        await using var api = await OrdersApiScenario.StartAsync(callerTransactionWithoutSavepoints ? "outbox_order_bulk" : "outbox_order");
        // Many aggregates, each placed then cancelled, all in the same millisecond of the clock:
        // UUID v7 ids of one millisecond are random among themselves unless handed out in order.
        var orders = Enumerable.Range(0, 50)
            .Select(i => Order.Place(Guid.CreateVersion7(), TestClients.Default, $"customer-{i}", "EUR", [new OrderLine("SKU-1", 1, 1m)], api.Clock.GetUtcNow()))
            .ToList();
        foreach (var order in orders)
        {
            order.Cancel("changed my mind", "customer", api.Clock.GetUtcNow());
        }

        await api.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<OrdersDbContext>();
            db.Orders.AddRange(orders);
            if (callerTransactionWithoutSavepoints)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Database.AutoSavepointsEnabled = false;
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
            else
            {
                await db.SaveChangesAsync();
            }
        });

        // Physical order of a fresh table is insert order.
        var byInsert = await api.QueryAsync<string>("SELECT aggregateid || ':' || sequence FROM outbox ORDER BY ctid");
        var byId = await api.QueryAsync<string>("SELECT aggregateid || ':' || sequence FROM outbox ORDER BY id");
        Assert.That(byInsert, Has.Count.EqualTo(100));
        Assert.That(byInsert, Is.EqualTo(byId), "rows inserted in id order");
        Assert.That(orders.Select(o => byInsert.IndexOf($"{o.Id}:1") < byInsert.IndexOf($"{o.Id}:2")), Is.All.True,
            "each order's OrderPlaced (1) before its OrderCancelled (2)");
    }
}
