using Inventory.Worker.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inventory.Worker.Infrastructure;

/// <summary>Maps <see cref="Reservation"/> onto <c>reservations</c> (see <see cref="InventoryMigrations"/>).</summary>
internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> reservation)
    {
        reservation.ToTable("reservations");
        reservation.HasKey(r => r.OrderId);
        reservation.Property(r => r.OrderId).HasColumnName("order_id").ValueGeneratedNever();
        reservation.Property(r => r.CustomerId).HasColumnName("customer_id").HasMaxLength(InventoryMigrations.MaxCustomerIdLength);
        reservation.Property(r => r.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        reservation.Property(r => r.RejectionReason).HasColumnName("rejection_reason");
        reservation.Ignore(r => r.RejectedSkus);
        reservation.PrimitiveCollection<List<string>>("_rejectedSkus").HasColumnName("rejected_skus");
        reservation.Property(r => r.DecidedAt).HasColumnName("decided_at");
        reservation.Property(r => r.ReleasedAt).HasColumnName("released_at");
        // Every change raises an event and so bumps Version: a concurrent writer's UPDATE ... WHERE
        // version = @original matches no row and EF throws, and the consumer host retries.
        reservation.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        reservation.Ignore(r => r.PendingEvents);
        reservation.Ignore(r => r.AggregateType);
        reservation.Ignore(r => r.AggregateId);
        reservation.OwnsMany(r => r.Lines, line =>
        {
            line.ToJson("lines");
            line.Property(l => l.Sku).HasJsonPropertyName("sku");
            line.Property(l => l.Quantity).HasJsonPropertyName("quantity");
        });
        reservation.Navigation(r => r.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
