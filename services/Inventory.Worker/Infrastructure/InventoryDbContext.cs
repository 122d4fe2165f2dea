using Inventory.Worker.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Persistence;
using Platform.Persistence.Outbox;

namespace Inventory.Worker.Infrastructure;

/// <summary>
/// The Inventory database: stock, reservations, the outbox and the inbox (the inbox is written
/// by the consumer host in SQL, so it is not mapped here).
/// </summary>
public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    /// <summary>Units available per sku.</summary>
    public DbSet<StockItem> Stock => Set<StockItem>();

    /// <summary>Reservations, one per order.</summary>
    public DbSet<Reservation> Reservations => Set<Reservation>();

    /// <summary>Outbox rows (only visible in <see cref="OutboxCleanupMode.Retain"/> mode).</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StockItem>(stock =>
        {
            stock.ToTable("stock");
            stock.HasKey(s => s.Sku);
            stock.Property(s => s.Sku).HasColumnName("sku").HasMaxLength(StockItem.MaxSkuLength);
            stock.Property(s => s.Available).HasColumnName("available");
            stock.Ignore(s => s.UnsavedChange);
        });
        modelBuilder.ApplyConfiguration(new ReservationConfiguration());
        modelBuilder.AddOutbox();
    }

    /// <summary>
    /// Saves; stock is not written by the change tracker (whose UPDATE would set an absolute
    /// value read before concurrent changes) but by <see cref="WriteStockAsync"/>, last, in the
    /// same transaction (see <see cref="LastWrites"/> and <see cref="StockItem"/>).
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        LastWrites.SaveChangesAsync<StockItem, int>(
            this,
            stock => stock.UnsavedChange != 0,
            stock => stock.Available,
            token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token),
            WriteStockAsync,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>Synchronous callers get the same last write.</remarks>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Applies every unsaved stock change as <c>available + change</c>, locking the rows in sku
    /// order first (one round trip). A change the CHECK (available >= 0) refuses means a
    /// concurrent transaction took the units this one counted on: it fails as a concurrency
    /// conflict, the transaction rolls back, and the consumer decides the events again on fresh stock.
    /// </summary>
    private static async Task WriteStockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StockItem> changed, CancellationToken cancellationToken)
    {
        var skus = changed.Select(stock => stock.Sku).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT 1 FROM stock WHERE sku = ANY($1) ORDER BY sku FOR UPDATE") { Parameters = { new() { Value = skus } } },
                new NpgsqlBatchCommand("""
                    UPDATE stock AS s SET available = s.available + c.change
                    FROM unnest($1::text[], $2::integer[]) AS c(sku, change)
                    WHERE s.sku = c.sku
                    RETURNING s.sku, s.available
                    """)
                {
                    Parameters = { new() { Value = skus }, new() { Value = changed.Select(stock => stock.UnsavedChange).ToArray() } },
                },
            },
        };
        var saved = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                saved[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new DbUpdateConcurrencyException($"Stock of {string.Join(", ", skus)} was taken by a concurrent transaction; the reservations must be decided again.", ex);
        }

        foreach (var stock in changed)
        {
            stock.Saved(saved.TryGetValue(stock.Sku, out var available)
                ? available
                : throw new InvalidOperationException($"The stock row of sku {stock.Sku} is missing."));
        }
    }
}
