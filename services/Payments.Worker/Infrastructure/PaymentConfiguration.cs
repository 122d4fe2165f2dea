using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payments.Worker.Domain;

namespace Payments.Worker.Infrastructure;

/// <summary>Maps <see cref="Payment"/> onto <c>payments</c> (see <see cref="PaymentsMigrations"/>).</summary>
internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments");
        payment.HasKey(p => p.OrderId);
        payment.Property(p => p.OrderId).HasColumnName("order_id").ValueGeneratedNever();
        payment.Property(p => p.CustomerId).HasColumnName("customer_id").HasMaxLength(PaymentsMigrations.MaxCustomerIdLength);
        payment.Property(p => p.Currency).HasColumnName("currency").HasMaxLength(3);
        payment.Property(p => p.Amount).HasColumnName("amount").HasPrecision(28, 9);
        payment.Property(p => p.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        payment.Property(p => p.DeclineReason).HasColumnName("decline_reason");
        payment.Property(p => p.DecidedAt).HasColumnName("decided_at");
        payment.Property(p => p.RefundedAt).HasColumnName("refunded_at");
        // Every change raises an event and so bumps Version: a concurrent writer's UPDATE ... WHERE
        // version = @original matches no row and EF throws, and the consumer host retries.
        payment.Property(p => p.Version).HasColumnName("version").IsConcurrencyToken();
        payment.Ignore(p => p.PendingEvents);
        payment.Ignore(p => p.AggregateType);
        payment.Ignore(p => p.AggregateId);
    }
}
