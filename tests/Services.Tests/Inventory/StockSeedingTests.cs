using Inventory.Worker.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Persistence.Migrations;

namespace Services.Tests.Inventory;

/// <summary>
/// Seeding creates stock only for skus not yet present, so a restart never resets stock that
/// orders consumed. Covers the seeding SQL on a migrated Inventory database; the host wiring
/// (seeding before consuming) is exercised by <see cref="InventoryTests"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class StockSeedingTests
{
    [Test]
    public async Task seeding_again_adds_new_skus_and_leaves_existing_stock_alone()
    {
        await using var database = await TestDatabase.CreateAsync("inv-seed");
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(database.ConnectionString, InventoryMigrations.All, CancellationToken.None);
        await using var db = new InventoryDbContext(new DbContextOptionsBuilder<InventoryDbContext>().UseNpgsql(database.ConnectionString).Options);

        Assert.That(await StockSeeder.SeedAsync(db, new Dictionary<string, int> { ["apple"] = 5 }, CancellationToken.None), Is.EqualTo(1));
        await db.Database.ExecuteSqlAsync($"UPDATE stock SET available = 2 WHERE sku = 'apple'");
        var inserted = await StockSeeder.SeedAsync(db, new Dictionary<string, int> { ["apple"] = 5, ["pear"] = 7 }, CancellationToken.None);

        Assert.That(inserted, Is.EqualTo(1));
        var stock = await db.Stock.AsNoTracking().OrderBy(s => s.Sku).Select(s => new { s.Sku, s.Available }).ToListAsync();
        Assert.That(stock.Select(s => (s.Sku, s.Available)), Is.EqualTo(new[] { ("apple", 2), ("pear", 7) }));
    }
}
