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

    /// <summary>Credit exposure per customer and currency.</summary>
    public DbSet<CreditExposure> CreditExposures => Set<CreditExposure>();

    /// <summary>Outbox rows (only visible in <see cref="OutboxCleanupMode.Retain"/> mode).</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new PaymentConfiguration());
        modelBuilder.Entity<CreditExposure>(exposure =>
        {
            exposure.ToTable("credit_exposure");
            exposure.HasKey(e => new { e.CustomerId, e.Currency });
            exposure.Property(e => e.CustomerId).HasColumnName("customer_id").HasMaxLength(PaymentsMigrations.MaxCustomerIdLength);
            exposure.Property(e => e.Currency).HasColumnName("currency").HasMaxLength(3);
            exposure.Property(e => e.Outstanding).HasColumnName("outstanding").HasPrecision(28, 9);
        });
        modelBuilder.AddOutbox();
    }
}
