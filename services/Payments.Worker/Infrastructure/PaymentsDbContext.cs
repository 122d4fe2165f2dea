using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Payments.Worker.Domain;
using Platform.Persistence;
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
            exposure.Ignore(e => e.UnsavedChange);
            exposure.Ignore(e => e.Ceiling);
        });
        modelBuilder.AddOutbox();
    }

    /// <summary>
    /// Saves; credit exposure is not written by the change tracker (whose UPDATE would set an
    /// absolute value read before concurrent changes) but by <see cref="WriteExposureAsync"/>,
    /// last, in the same transaction (see <see cref="LastWrites"/> and <see cref="CreditExposure"/>).
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        LastWrites.SaveChangesAsync<CreditExposure, decimal>(
            this,
            exposure => exposure.UnsavedChange != 0,
            exposure => exposure.Outstanding,
            token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token),
            WriteExposureAsync,
            cancellationToken);

    /// <inheritdoc />
    /// <remarks>Synchronous callers get the same last write.</remarks>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Applies every unsaved exposure change as <c>outstanding + change</c>, locking the rows in
    /// key order first (one round trip). An exposure that ends above the limit one of this
    /// transaction's authorizations was decided against means a concurrent transaction authorized
    /// meanwhile: it fails as a concurrency conflict, the transaction rolls back, and the consumer
    /// decides the payments again on fresh exposure.
    /// </summary>
    private static async Task WriteExposureAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CreditExposure> changed, CancellationToken cancellationToken)
    {
        var customers = new NpgsqlParameter { Value = changed.Select(e => e.CustomerId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
        var currencies = new NpgsqlParameter { Value = changed.Select(e => e.Currency).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    SELECT 1 FROM credit_exposure AS x
                    JOIN unnest($1::text[], $2::text[]) AS c(customer_id, currency) USING (customer_id, currency)
                    ORDER BY x.customer_id, x.currency FOR UPDATE OF x
                    """)
                {
                    Parameters = { customers, currencies },
                },
                new NpgsqlBatchCommand("""
                    UPDATE credit_exposure AS x SET outstanding = x.outstanding + c.change
                    FROM unnest($1::text[], $2::text[], $3::numeric[]) AS c(customer_id, currency, change)
                    WHERE x.customer_id = c.customer_id AND x.currency = c.currency
                    RETURNING x.customer_id, x.currency, x.outstanding
                    """)
                {
                    Parameters = { customers.Clone(), currencies.Clone(), new() { Value = changed.Select(e => e.UnsavedChange).ToArray() } },
                },
            },
        };
        var saved = new Dictionary<(string, string), decimal>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                saved[(reader.GetString(0), reader.GetString(1))] = reader.GetDecimal(2);
            }
        }

        foreach (var exposure in changed)
        {
            if (!saved.TryGetValue((exposure.CustomerId, exposure.Currency), out var outstanding))
            {
                throw new InvalidOperationException($"The credit exposure row of ({exposure.CustomerId}, {exposure.Currency}) is missing.");
            }

            if (outstanding > exposure.Ceiling)
            {
                throw new DbUpdateConcurrencyException(
                    $"Concurrent authorizations took ({exposure.CustomerId}, {exposure.Currency}) to {outstanding} over the limit {exposure.Ceiling} this transaction's were decided against; its payments must be decided again.");
            }

            exposure.Saved(outstanding);
        }
    }
}
