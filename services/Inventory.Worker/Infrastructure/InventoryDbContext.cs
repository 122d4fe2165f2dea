using Inventory.Worker.Domain;
using Microsoft.EntityFrameworkCore;
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
        });
        modelBuilder.ApplyConfiguration(new ReservationConfiguration());
        modelBuilder.AddOutbox();
    }
}
