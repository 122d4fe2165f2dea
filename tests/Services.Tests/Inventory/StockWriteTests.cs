using Inventory.Worker.Domain;
using Inventory.Worker.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Services.Tests.Driving;

namespace Services.Tests.Inventory;

/// <summary>
/// Stock rows are read without a lock and written last, as relative changes: changes of
/// concurrent transactions add up instead of the later overwriting the earlier, and a take that
/// a concurrent transaction made impossible fails as a concurrency conflict and writes nothing.
/// Covers InventoryDbContext's save; the consumer deciding again is InventoryTests' business.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class StockWriteTests
{
    [Test]
    public async Task takes_decided_on_the_same_stock_reading_add_up()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Inventory, "inv-write-add", new Dictionary<string, string?> { ["Inventory:SeedStock:fig"] = "10" });
        await using var first = Context(world);
        await using var second = Context(world);
        var (a, b) = (await first.Stock.SingleAsync(s => s.Sku == "fig"), await second.Stock.SingleAsync(s => s.Sku == "fig"));
        a.Take(4);
        b.Take(5);

        await first.SaveChangesAsync();
        await second.SaveChangesAsync();

        Assert.That(await AvailableAsync(world), Is.EqualTo(1), "10 - 4 - 5; an absolute write would have left 5");
        Assert.That((a.Available, a.UnsavedChange, b.Available, b.UnsavedChange), Is.EqualTo((6, 0, 1, 0)), "each entity holds what its row held after its write");
    }

    [Test]
    public async Task a_take_that_a_concurrent_one_made_impossible_fails_and_writes_nothing()
    {
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Inventory, "inv-write-conflict", new Dictionary<string, string?> { ["Inventory:SeedStock:fig"] = "3" });
        await using var first = Context(world);
        await using var second = Context(world);
        var (a, b) = (await first.Stock.SingleAsync(s => s.Sku == "fig"), await second.Stock.SingleAsync(s => s.Sku == "fig"));
        a.Take(2);
        b.Take(2);
        await first.SaveChangesAsync();

        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.That(await AvailableAsync(world), Is.EqualTo(1), "only the first take was written");
    }

    private static InventoryDbContext Context(ServiceWorld world) =>
        new(new DbContextOptionsBuilder<InventoryDbContext>().UseNpgsql(world.Database.ConnectionString).Options);

    private static async Task<int> AvailableAsync(ServiceWorld world) =>
        (await world.QueryAsync("SELECT available FROM stock WHERE sku = 'fig'", r => r.GetInt32(0))).Single();
}
