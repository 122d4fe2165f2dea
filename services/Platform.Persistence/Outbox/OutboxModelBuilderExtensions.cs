using Microsoft.EntityFrameworkCore;

namespace Platform.Persistence.Outbox;

/// <summary>Maps <see cref="OutboxMessage"/> onto the table created by <see cref="OutboxMigrations"/>.</summary>
public static class OutboxModelBuilderExtensions
{
    /// <summary>Adds the outbox entity to a service's model.</summary>
    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxMigrations.Table);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(m => m.AggregateType).HasColumnName("aggregatetype").HasMaxLength(255);
            outbox.Property(m => m.AggregateId).HasColumnName("aggregateid").HasMaxLength(255);
            outbox.Property(m => m.Type).HasColumnName("type").HasMaxLength(255);
            outbox.Property(m => m.Payload).HasColumnName("payload");
            // timestamp WITHOUT time zone holding UTC: Npgsql writes only Unspecified kinds there.
            outbox.Property(m => m.Timestamp).HasColumnName("timestamp").HasColumnType("timestamp(6) without time zone")
                .HasConversion(v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
            outbox.Property(m => m.TracingSpanContext).HasColumnName("tracingspancontext").HasMaxLength(512);
            outbox.Property(m => m.Sequence).HasColumnName("sequence");
        });
        return modelBuilder;
    }
}
