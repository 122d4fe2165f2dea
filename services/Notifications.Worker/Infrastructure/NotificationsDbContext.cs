using Microsoft.EntityFrameworkCore;
using Notifications.Worker.Domain;
using Platform.Persistence.Outbox;

namespace Notifications.Worker.Infrastructure;

/// <summary>
/// The Notifications database: notifications and the inbox. It raises no events, but keeps the
/// (empty) outbox that every service database has, so the shared wiring applies unchanged.
/// </summary>
public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    /// <summary>Notifications recorded for customers.</summary>
    public DbSet<Notification> Notifications => Set<Notification>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
            notification.Property(n => n.CustomerId).HasColumnName("customer_id").HasMaxLength(NotificationsMigrations.MaxIdLength);
            notification.Property(n => n.OrderId).HasColumnName("order_id").HasMaxLength(NotificationsMigrations.MaxIdLength);
            notification.Property(n => n.Kind).HasColumnName("kind").HasMaxLength(32);
            notification.Property(n => n.Message).HasColumnName("message");
            notification.Property(n => n.EventId).HasColumnName("event_id");
            notification.Property(n => n.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.AddOutbox();
    }
}
