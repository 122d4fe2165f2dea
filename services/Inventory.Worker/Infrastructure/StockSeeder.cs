using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inventory.Worker.Infrastructure;

/// <summary>
/// Applies <see cref="InventoryOptions.SeedStock"/> at start, after migrations and before the
/// consumer: inserts only skus the <c>stock</c> table does not hold yet, so restarts never reset
/// stock that orders consumed, and several instances starting at once insert each sku once.
/// </summary>
public sealed class StockSeeder(IServiceScopeFactory scopes, IOptions<InventoryOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedStock.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await SeedAsync(scope.ServiceProvider.GetRequiredService<InventoryDbContext>(), options.Value.SeedStock, cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Inserts the skus of <paramref name="seed"/> that <c>stock</c> lacks; returns how many were inserted.</summary>
    public static Task<int> SeedAsync(InventoryDbContext db, IReadOnlyDictionary<string, int> seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(seed);
        var skus = seed.Keys.ToArray();
        var quantities = skus.Select(sku => seed[sku]).ToArray();
        return db.Database.ExecuteSqlAsync(
            $"INSERT INTO stock (sku, available) SELECT * FROM unnest({skus}, {quantities}) ON CONFLICT (sku) DO NOTHING",
            cancellationToken);
    }
}
