using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;

namespace Messaging.Tests;

/// <summary>A minimal service database for consumer tests: each applied event appends one ledger entry.</summary>
public sealed class LedgerContext(DbContextOptions<LedgerContext> options) : DbContext(options)
{
    public static readonly Migration CreateLedger = new("ledger-0001-create", """
        CREATE TABLE ledger_entries (
            position   bigserial PRIMARY KEY,
            aggregate  text   NOT NULL,
            event_id   uuid   NOT NULL,
            sequence   bigint NOT NULL)
        """);

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    /// <summary>A fresh database with the inbox (partitions for today and 3 days ahead) and the ledger.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string purpose)
    {
        var database = await TestDatabase.CreateAsync(purpose);
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(database.ConnectionString, [.. InboxMigrations.All, CreateLedger], CancellationToken.None);
        await using (var connection = await database.OpenAsync())
        {
            await InboxPartitions.MaintainAsync(connection, DateTime.UtcNow, TimeSpan.FromDays(30), 3, CancellationToken.None);
        }

        return database;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("ledger_entries");
            e.HasKey(x => x.Position);
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.Aggregate).HasColumnName("aggregate");
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.Property(x => x.Sequence).HasColumnName("sequence");
        });
    }
}

public sealed class LedgerEntry
{
    public long Position { get; set; }

    public required string Aggregate { get; set; }

    public Guid EventId { get; set; }

    public long Sequence { get; set; }
}
