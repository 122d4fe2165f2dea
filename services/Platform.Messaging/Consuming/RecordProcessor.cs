using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Inbox;
using Platform.Persistence;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Applies one record: inbox row and effect in one database transaction, retried in place with
/// backoff; a record that cannot be applied is parked in the dead-letter topic. Guarantee: when
/// this returns, the record is either applied durably (exactly once, thanks to the inbox), known
/// to be a duplicate, deliberately skipped, or acknowledged by the dead-letter topic; only then
/// may its offset be committed.
/// </summary>
public sealed partial class RecordProcessor<TContext>(
    string consumer,
    IServiceScopeFactory scopes,
    EventHandlerRegistry<TContext> handlers,
    DeadLetterPublisher deadLetters,
    ConsumerOptions options,
    ConsumerMetrics metrics,
    TimeProvider clock,
    ILogger logger) : IDisposable where TContext : DbContext
{
    private readonly KeyValuePair<string, object?> _tag = new("consumer", consumer);

    // Bounds the transactions in flight (ConsumerOptions.MaxConcurrentTransactions). Taken only
    // around a transaction, never across a retry's delay; a transaction waiting here holds no
    // locks yet, so the bound cannot deadlock with the locks taken inside.
    private readonly SemaphoreSlim _transactions = new(options.MaxConcurrentTransactions);

    /// <summary>Releases the bound on concurrent transactions; call once nothing is processed any more.</summary>
    public void Dispose() => _transactions.Dispose();

    /// <summary>Processes <paramref name="record"/> to one of the <see cref="RecordOutcome"/>s; <paramref name="sequences"/> is its partition's tracker.</summary>
    public Task<RecordOutcome> ProcessAsync(ConsumeResult<byte[]?, byte[]?> record, SequenceTracker sequences, CancellationToken cancellationToken) =>
        ProcessAsync(record, sequences, force: false, cancellationToken);

    /// <summary>
    /// As <see cref="ProcessAsync(ConsumeResult{byte[], byte[]}, SequenceTracker, CancellationToken)"/>;
    /// with <paramref name="force"/> an event the inbox already has is applied again (its inbox
    /// row is removed and re-inserted in the effect's transaction, see <see cref="ForgetInboxRowAsync"/>).
    /// </summary>
    public async Task<RecordOutcome> ProcessAsync(ConsumeResult<byte[]?, byte[]?> record, SequenceTracker sequences, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(record);
        var consumed = EventEnvelope.TryRead(record, out var problem);
        if (consumed is null)
        {
            return await ParkAsync(record, problem!, null, 0, cancellationToken);
        }

        var handler = handlers.Find(consumed.EventType);
        if (handler is null)
        {
            metrics.Unknown.Add(1, _tag);
            LogUnknownType(consumed.EventType, consumed.EventId);
            return RecordOutcome.UnknownType;
        }

        // Every attempt, and a dead-letter hand-off, runs inside the record's span.
        using var span = ConsumerSpan.Start(consumer, consumed);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await ApplyOnceAsync(consumed, handler, force, cancellationToken);
                (applied ? metrics.Processed : metrics.Duplicates).Add(1, _tag);
                if (applied)
                {
                    CheckSequence(consumed, sequences);
                }

                return applied ? RecordOutcome.Processed : RecordOutcome.Duplicate;
            }
            catch (InvalidEventException ex)
            {
                return await ParkAsync(record, ex.Message, ex, attempt, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A database that cannot be reached (restarting, failing over, connections cut)
                // says nothing about the record: parking it would hold back a valid event's effect
                // until someone redrives it. Such failures are retried until the database is
                // back; every other failure (deadlocks and timeouts included) counts towards
                // MaxAttempts, so no record blocks its partition forever.
                var unavailable = DatabaseUnavailable.Is(ex);
                if (attempt >= options.MaxAttempts && !unavailable)
                {
                    return await ParkAsync(record, $"handler failed {attempt} times; last error: {ex.Message}", ex, attempt, cancellationToken);
                }

                metrics.Retries.Add(1, _tag);
                var delay = RetrySchedule.After(attempt, options, unavailable);
                LogRetry(ex, consumed.EventType, consumed.EventId, attempt, delay);
                await Task.Delay(delay, clock, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Processes consecutive records of one partition, in order. Several valid, known events are
    /// applied in ONE transaction: one inbox insert for all, the consumer's Prepare step once (or,
    /// without one, a save after each handler so the next sees its effect), the handlers, one
    /// save and one commit: a batch costs a few round trips and one fsync instead of a few per
    /// record. If
    /// anything in the batch fails, the whole transaction rolls back and every record is
    /// processed alone with the usual retries and dead-lettering, so a batch never changes what
    /// happens to a record, only how many commits it takes.
    /// </summary>
    public async Task ProcessAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records, SequenceTracker sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count > 1)
        {
            var batch = records.Select(r => (Consumed: EventEnvelope.TryRead(r, out _), Record: r)).ToList();
            if (batch.All(b => b.Consumed is not null && handlers.Find(b.Consumed.EventType) is not null))
            {
                try
                {
                    var applied = await ApplyBatchOnceAsync(batch.Select(b => b.Consumed!).ToList(), cancellationToken);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        (applied[i] ? metrics.Processed : metrics.Duplicates).Add(1, _tag);
                        if (applied[i])
                        {
                            CheckSequence(batch[i].Consumed!, sequences);
                        }
                    }

                    return;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogBatchFallback(ex, batch.Count);
                }
            }
        }

        foreach (var record in records)
        {
            await ProcessAsync(record, sequences, cancellationToken);
        }
    }

    /// <summary>One attempt: inbox row first (a duplicate stops here), then the handler, then commit.</summary>
    private Task<bool> ApplyOnceAsync(ConsumedEvent consumed, Func<TContext, ConsumedEvent, CancellationToken, Task> handler, bool force, CancellationToken cancellationToken) =>
        InTransactionSlotAsync(() => ApplyOnceInSlotAsync(consumed, handler, force, cancellationToken), cancellationToken);

    private async Task<bool> ApplyOnceInSlotAsync(ConsumedEvent consumed, Func<TContext, ConsumedEvent, CancellationToken, Task> handler, bool force, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await BeginAsync(db, cancellationToken);
        if (force)
        {
            await ForgetInboxRowAsync(db, consumed, cancellationToken);
        }

        if ((await InsertInboxRowsAsync(db, [consumed], cancellationToken)).Count == 0)
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

    private Task<bool[]> ApplyBatchOnceAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken) =>
        InTransactionSlotAsync(() => ApplyBatchOnceInSlotAsync(batch, cancellationToken), cancellationToken);

    /// <summary>Runs one transaction attempt within the bound on transactions in flight (<see cref="_transactions"/>).</summary>
    private async Task<T> InTransactionSlotAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        await _transactions.WaitAsync(cancellationToken);
        try
        {
            return await attempt();
        }
        finally
        {
            _transactions.Release();
        }
    }

    private async Task<bool[]> ApplyBatchOnceInSlotAsync(List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await BeginAsync(db, cancellationToken);
        var fresh = await InsertInboxRowsAsync(db, batch, cancellationToken);
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

    /// <summary>
    /// Inserts the inbox rows in one statement and returns the ids seen for the first time (a
    /// redelivered event, or a second copy inside the batch, inserts nothing). A concurrent
    /// delivery of the same event blocks on the insert until the other commits, then inserts
    /// nothing: exactly one of them applies the effect. Event time: see <see cref="EventTime"/>.
    /// </summary>
    private async Task<HashSet<Guid>> InsertInboxRowsAsync(TContext db, List<ConsumedEvent> batch, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            INSERT INTO inbox (consumer, event_id, event_time)
            SELECT $1, e.id, e.time FROM unnest($2::uuid[], $3::timestamp[]) AS e(id, time)
            ON CONFLICT DO NOTHING
            RETURNING event_id
            """, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Select(e => e.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = batch.Select(InboxTime).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Timestamp,
        });
        var fresh = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetGuid(0));
        }

        return fresh;
    }

    /// <summary>
    /// Deletes this consumer's inbox row of <paramref name="consumed"/> (one row, by its whole
    /// primary key, so only its own partition is touched) inside the open transaction. The
    /// insert that follows then succeeds and the handler runs: the delete, the new row and the
    /// effect commit together or not at all, so a forced delivery applies the event exactly once
    /// more. A concurrent delivery of the same event blocks on the row until this commits, then
    /// sees it and skips.
    /// </summary>
    private async Task ForgetInboxRowAsync(TContext db, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(
            "DELETE FROM inbox WHERE consumer = $1 AND event_id = $2 AND event_time = $3",
            connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = consumed.EventId });
        command.Parameters.Add(new NpgsqlParameter { Value = InboxTime(consumed), NpgsqlDbType = NpgsqlDbType.Timestamp });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTime InboxTime(ConsumedEvent consumed) =>
        DateTime.SpecifyKind(EventTime.Of(consumed.EventId, consumed.Timestamp), DateTimeKind.Unspecified);

    private void CheckSequence(ConsumedEvent consumed, SequenceTracker sequences)
    {
        if (consumed.Sequence is not { } sequence)
        {
            return;
        }

        // Checked only for events applied now: a redelivered duplicate is expected under
        // at-least-once and says nothing about order.
        var check = sequences.Observe(consumed.AggregateId, sequence);
        if (check != SequenceCheck.InOrder)
        {
            metrics.SequenceAnomalies.Add(1, _tag, new KeyValuePair<string, object?>("kind", check.ToString()));
            LogSequenceAnomaly(check, consumed.AggregateId, sequence, consumed.EventType);
        }
    }

    private async Task<RecordOutcome> ParkAsync(ConsumeResult<byte[]?, byte[]?> record, string reason, Exception? exception, int attempts, CancellationToken cancellationToken)
    {
        Activity.Current?.SetStatus(ActivityStatusCode.Error, reason);
        await deadLetters.ParkAsync(record, consumer, reason, exception, attempts, cancellationToken);
        metrics.DeadLettered.Add(1, _tag);
        return RecordOutcome.DeadLettered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sequence {Check} for aggregate {AggregateId}: got {Sequence} ({EventType})")]
    private partial void LogSequenceAnomaly(SequenceCheck check, string aggregateId, long sequence, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} records failed; processing them one by one")]
    private partial void LogBatchFallback(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped event {EventId} of unknown type {EventType}")]
    private partial void LogUnknownType(string eventType, Guid eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {EventType} {EventId} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogRetry(Exception exception, string eventType, Guid eventId, int attempt, TimeSpan delay);
}
