using Microsoft.EntityFrameworkCore;
using Payments.Worker.Domain;
using Platform.Persistence.Outbox;

namespace Payments.Worker.Infrastructure;

/// <summary>
/// The Payments database: payments, the outbox and the inbox (the inbox is written by the
/// consumer host in SQL, so it is not mapped here).
/// </summary>
public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    /// <summary>Payments, one per order.</summary>
    public DbSet<Payment> Payments => Set<Payment>();

    /// <summary>Outbox rows (only visible in <see cref="OutboxCleanupMode.Retain"/> mode).</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new PaymentConfiguration());
        modelBuilder.AddOutbox();
    }
}
