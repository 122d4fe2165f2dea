using Microsoft.EntityFrameworkCore;

namespace Orders.Api.ReadModel;

/// <summary>Maps the read model onto <c>order_timeline</c> and <c>order_status_counts</c>.</summary>
internal static class ReadModelConfiguration
{
    public static void AddReadModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("order_timeline");
            entry.HasKey(e => e.EventId);
            entry.Property(e => e.EventId).HasColumnName("event_id").ValueGeneratedNever();
            entry.Property(e => e.OrderId).HasColumnName("order_id");
            entry.Property(e => e.EventType).HasColumnName("event_type").HasMaxLength(64);
            entry.Property(e => e.Topic).HasColumnName("topic").HasMaxLength(255);
            entry.Property(e => e.Sequence).HasColumnName("sequence");
            entry.Property(e => e.OccurredAt).HasColumnName("occurred_at");
            entry.Property(e => e.Summary).HasColumnName("summary");
        });
        modelBuilder.Entity<StatusCount>(count =>
        {
            count.ToTable("order_status_counts");
            count.HasKey(c => c.Status);
            count.Property(c => c.Status).HasColumnName("status").HasMaxLength(16);
            count.Property(c => c.Count).HasColumnName("count");
        });
    }
}
