using Microsoft.EntityFrameworkCore;
using Platform.Persistence.Migrations;

namespace Operations.Tests;

/// <summary>A test consumer's database: each applied event appends one ledger entry, with where it was read.</summary>
public sealed class LedgerContext(DbContextOptions<LedgerContext> options) : DbContext(options)
{
    public static readonly Migration CreateLedger = new("ledger-0001-create", """
        CREATE TABLE ledger_entries (
            position   bigserial PRIMARY KEY,
            event_id   uuid   NOT NULL,
            topic      text   NOT NULL,
            partition  int    NOT NULL,
            "offset"   bigint NOT NULL)
        """);

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("ledger_entries");
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.Property(x => x.Topic).HasColumnName("topic");
            e.Property(x => x.Partition).HasColumnName("partition");
            e.Property(x => x.Offset).HasColumnName("offset");
        });
    }
}
