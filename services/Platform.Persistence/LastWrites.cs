using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Platform.Persistence;

/// <summary>
/// Saves a context and then writes its hot rows, last, in the same transaction just before it
/// commits. Hot rows are rows that many transactions change (the stock of a popular sku, a
/// customer's credit exposure): written last as relative changes (<c>value = value + change</c>),
/// their row locks are held only from that statement to the commit instead of for the whole
/// transaction, so concurrent transactions barely wait for each other and their changes add up
/// instead of overwriting each other. The write must lock its rows in one global order (sorted
/// keys, so two transactions cannot deadlock) and fail the transaction when the result breaks a
/// rule that a decision relied on (a concurrent transaction got there first).
/// </summary>
public static class LastWrites
{
    /// <summary>
    /// SaveChanges for a context with hot rows of <typeparamref name="TEntity"/>: entities with an
    /// unsaved change (<paramref name="unsaved"/>) keep <paramref name="column"/> out of the change
    /// tracker's UPDATE (an absolute value read before concurrent changes), <paramref name="save"/>
    /// (the context's base SaveChanges) writes everything else, then <paramref name="write"/>
    /// applies their changes and tells each entity what its row now holds. When
    /// <paramref name="write"/> throws, the transaction must be rolled back (one opened here is;
    /// the consumer host rolls back its own).
    /// </summary>
    public static Task<int> SaveChangesAsync<TEntity, TValue>(
        DbContext context,
        Func<TEntity, bool> unsaved,
        Expression<Func<TEntity, TValue>> column,
        Func<CancellationToken, Task<int>> save,
        Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<TEntity>, CancellationToken, Task> write,
        CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(unsaved);
        ArgumentNullException.ThrowIfNull(write);
        var changed = context.ChangeTracker.Entries<TEntity>().Where(entry => unsaved(entry.Entity)).ToList();
        if (changed.Count == 0)
        {
            return save(cancellationToken);
        }

        if (changed.Find(entry => entry.State is not (EntityState.Unchanged or EntityState.Modified)) is { } other)
        {
            // An Added row would be inserted with its changed value and then changed again.
            throw new InvalidOperationException($"A {typeof(TEntity).Name} that is {other.State} has an unsaved change; hot rows are created in one save and changed in later ones.");
        }

        foreach (var entry in changed)
        {
            AsStored(entry.Property(column));
        }

        return SaveThenWriteAsync(context, save, async (connection, transaction, token) =>
        {
            await write(connection, transaction, [.. changed.Select(entry => entry.Entity)], token);
            foreach (var entry in changed)
            {
                AsStored(entry.Property(column));
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="save"/>, then <paramref name="write"/> on the context's connection and
    /// transaction: the caller's when one is open (it commits), otherwise one opened and committed
    /// here, so both commit together or not at all.
    /// </summary>
    public static async Task<int> SaveThenWriteAsync(
        DbContext context,
        Func<CancellationToken, Task<int>> save,
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(write);
        if (context.Database.CurrentTransaction is { } current)
        {
            var saved = await save(cancellationToken);
            await write((NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)current.GetDbTransaction(), cancellationToken);
            return saved;
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var count = await save(cancellationToken);
        await write((NpgsqlConnection)context.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Marks <paramref name="property"/> as holding what the database holds, so the change tracker does not write it.</summary>
    private static void AsStored<TEntity, TValue>(PropertyEntry<TEntity, TValue> property) where TEntity : class
    {
        property.OriginalValue = property.CurrentValue;
        property.IsModified = false;
    }
}
