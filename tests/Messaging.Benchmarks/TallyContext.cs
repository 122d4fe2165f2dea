using Microsoft.EntityFrameworkCore;

namespace Messaging.Benchmarks;

/// <summary>The benchmark's service state: one counter row per aggregate, bumped by each event.</summary>
internal sealed class TallyContext(DbContextOptions<TallyContext> options) : DbContext(options)
{
    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Tally>(e =>
        {
            e.ToTable("tally");
            e.HasKey(t => t.Aggregate);
            e.Property(t => t.Aggregate).HasColumnName("aggregate");
            e.Property(t => t.Events).HasColumnName("events");
        });
}

internal sealed class Tally
{
    public required string Aggregate { get; set; }

    public long Events { get; set; }
}
