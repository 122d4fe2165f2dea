using Microsoft.EntityFrameworkCore;
using Orders.Api.Domain;
using Orders.Api.Placement;
using Orders.Api.ReadModel;
using Platform.Persistence.Outbox;

namespace Orders.Api.Infrastructure;

/// <summary>
/// The Orders database: orders, the outbox and idempotency keys. Pooled; the outbox interceptor
/// is registered on it, so saving an order also writes its events' outbox rows.
/// </summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    /// <summary>Orders.</summary>
    public DbSet<Order> Orders => Set<Order>();

    /// <summary>Remembered Idempotency-Key responses.</summary>
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    /// <summary>Read model: events about each order.</summary>
    public DbSet<ReadModel.TimelineEntry> Timeline => Set<ReadModel.TimelineEntry>();

    /// <summary>Read model: orders per status.</summary>
    public DbSet<ReadModel.StatusCount> StatusCounts => Set<ReadModel.StatusCount>();

    /// <summary>Outbox rows (only visible in <see cref="OutboxCleanupMode.Retain"/> mode).</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new OrderConfiguration());
        modelBuilder.ApplyConfiguration(new IdempotencyRecordConfiguration());
        modelBuilder.AddOutbox();
        modelBuilder.AddReadModel();
    }
}
