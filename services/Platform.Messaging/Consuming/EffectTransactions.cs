using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Platform.Persistence.Inbox;

namespace Platform.Messaging.Consuming;

/// <summary>
/// The transactions a consumer applies events in: the inbox rows (<see cref="InboxStore"/>), the
/// handlers' effects and their own outbox rows commit together or not at all, so an event's
/// effect happens once however often it is delivered. One event, or a batch of one partition's
/// waiting events sharing one transaction. At most <c>maxConcurrentTransactions</c> are open at
/// once over all partitions.
/// </summary>
internal sealed class EffectTransactions<TContext>(
    string consumer, IServiceScopeFactory scopes, EventHandlerRegistry<TContext> handlers, int maxConcurrentTransactions) : IDisposable
    where TContext : DbContext
{
    // Taken only around a transaction, never across a retry's delay; a transaction waiting here
    // holds no locks yet, so the bound cannot deadlock with the locks taken inside.
    private readonly SemaphoreSlim _slots = new(maxConcurrentTransactions);

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    /// <summary>One attempt: inbox row first (a duplicate stops here), then the handler, then commit.</summary>
    public Task<bool> ApplyAsync(ConsumedEvent consumed, Func<TContext, ConsumedEvent, CancellationToken, Task> handler, bool force, CancellationToken cancellationToken) =>
        InTransactionSlotAsync(() => ApplyOnceInSlotAsync(consumed, handler, force, cancellationToken), cancellationToken);

    private async Task<bool> ApplyOnceInSlotAsync(ConsumedEvent consumed, Func<TContext, ConsumedEvent, CancellationToken, Task> handler, bool force, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await BeginAsync(db, cancellationToken);
        if (force)
        {
            await InboxStore.ForgetAsync(db, consumer, consumed.EventId, consumed.Timestamp, cancellationToken);
        }

        if ((await InboxStore.InsertAsync(db, consumer, [(consumed.EventId, consumed.Timestamp)], cancellationToken)).Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (handlers.PrepareStep is { } prepare)
        {
            TrackOnly(db);
            await prepare(db, [consumed], cancellationToken);
        }

        await handler(db, consumed, cancellationToken);
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public Task<bool[]> ApplyBatchAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken) =>
        InTransactionSlotAsync(() => ApplyBatchOnceInSlotAsync(batch, cancellationToken), cancellationToken);

    /// <summary>Runs one transaction attempt within the bound on transactions in flight (<see cref="_slots"/>).</summary>
    private async Task<T> InTransactionSlotAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await attempt();
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<bool[]> ApplyBatchOnceInSlotAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await BeginAsync(db, cancellationToken);
        var fresh = await InboxStore.InsertAsync(db, consumer, [.. batch.Select(e => (e.EventId, e.Timestamp))], cancellationToken);
        var applied = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            // Remove, so that a second copy of an event inside the batch is not applied twice.
            applied[i] = fresh.Remove(batch[i].EventId);
        }

        var prepare = handlers.PrepareStep;
        if (prepare is not null && applied.Contains(true))
        {
            TrackOnly(db);
            await prepare(db, [.. batch.Where((_, i) => applied[i])], cancellationToken);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (!applied[i])
            {
                continue;
            }

            using (ConsumerSpan.Start(consumer, batch[i]))
            {
                await handlers.Find(batch[i].EventType)!(db, batch[i], cancellationToken);
                if (prepare is null)
                {
                    // Saved before the next handler runs, so it sees this one's effect in the database.
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }

        if (prepare is not null)
        {
            // Handlers read the change tracker: one save for the whole batch.
            await SaveAsync(db, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>
    /// Opens the record's (or batch's) transaction. Any failure rolls all of it back and the
    /// records are redone, so EF Core's savepoint around each SaveChanges (two more round trips)
    /// would protect nothing: it is switched off for this transaction.
    /// </summary>
    private static async Task<IDbContextTransaction> BeginAsync(TContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        return transaction;
    }

    /// <summary>
    /// Handlers after a Prepare step read the change tracker often (<c>Local</c>); with automatic
    /// change detection every such read would scan every tracked entity. Changes are detected once,
    /// in <see cref="SaveAsync"/>. (A pooled context gets the default back when returned.)
    /// </summary>
    private static void TrackOnly(TContext db) => db.ChangeTracker.AutoDetectChangesEnabled = false;

    /// <summary>Saves; after <see cref="TrackOnly"/> the changes are detected first (SaveChanges does it itself otherwise).</summary>
    private static async Task SaveAsync(TContext db, CancellationToken cancellationToken)
    {
        if (!db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
