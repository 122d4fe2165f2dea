using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orders.Api.Domain;

namespace Orders.Api.Infrastructure;

/// <summary>Maps <see cref="Order"/> onto <c>orders</c> (see <see cref="OrdersMigrations"/>).</summary>
internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        order.Property(o => o.ClientId).HasColumnName("client_id").HasMaxLength(Order.MaxClientIdLength);
        order.Property(o => o.CustomerId).HasColumnName("customer_id").HasMaxLength(Order.MaxCustomerIdLength);
        order.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3).IsFixedLength();
        order.Property(o => o.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        order.Property(o => o.Total).HasColumnName("total").HasPrecision(24, 2);
        order.Property(o => o.PlacedAt).HasColumnName("placed_at");
        order.Property(o => o.ConfirmedAt).HasColumnName("confirmed_at");
        order.Property(o => o.CancelledAt).HasColumnName("cancelled_at");
        order.Property(o => o.CancellationReason).HasColumnName("cancellation_reason").HasMaxLength(Order.MaxReasonLength);
        order.Property(o => o.CancelledBy).HasColumnName("cancelled_by").HasMaxLength(16);
        order.Property(o => o.Payment).HasColumnName("payment").HasConversion<string>().HasMaxLength(16);
        order.Property(o => o.Stock).HasColumnName("stock").HasConversion<string>().HasMaxLength(16);
        // Every change raises an event and so bumps Version: a concurrent writer's UPDATE ... WHERE
        // version = @original matches no row and EF throws DbUpdateConcurrencyException.
        order.Property(o => o.Version).HasColumnName("version").IsConcurrencyToken();
        order.Ignore(o => o.PendingEvents);
        order.Ignore(o => o.AggregateType);
        order.Ignore(o => o.AggregateId);
        // A complex collection on the backing list, not owned entities: lines have no identity of
        // their own, and the change tracker does not track each one as an entry (cheaper to add
        // and to save; the jsonb column is the same).
        order.Ignore(o => o.Lines);
        order.ComplexCollection<List<OrderLine>, OrderLine>("_lines", line =>
        {
            line.ToJson("lines");
            line.Property(l => l.Sku).HasJsonPropertyName("sku");
            line.Property(l => l.Quantity).HasJsonPropertyName("quantity");
            line.Property(l => l.UnitPrice).HasJsonPropertyName("unitPrice");
            line.Ignore(l => l.LineTotal);
        });
    }
}
