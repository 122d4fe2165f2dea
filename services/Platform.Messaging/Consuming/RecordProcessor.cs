using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Kafka.DeadLetters;
using Platform.Persistence.Inbox;
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

    private readonly EffectTransactions<TContext> _transactions = new(consumer, scopes, handlers, options.MaxConcurrentTransactions);

    /// <summary>Releases the bound on concurrent transactions; call once nothing is processed any more.</summary>
    public void Dispose() => _transactions.Dispose();

    /// <summary>Processes <paramref name="record"/> to one of the <see cref="RecordOutcome"/>s; <paramref name="sequences"/> is its partition's tracker.</summary>
    public Task<RecordOutcome> ProcessAsync(ConsumeResult<byte[]?, byte[]?> record, SequenceTracker sequences, CancellationToken cancellationToken) =>
        ProcessAsync(record, sequences, force: false, cancellationToken);

    /// <summary>
    /// As <see cref="ProcessAsync(ConsumeResult{byte[], byte[]}, SequenceTracker, CancellationToken)"/>;
    /// with <paramref name="force"/> an event the inbox already has is applied again (its inbox
    /// row is removed and re-inserted in the effect's transaction, see <see cref="InboxStore.ForgetAsync"/>).
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
                var applied = await _transactions.ApplyAsync(consumed, handler, force, cancellationToken);
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
                    var applied = await _transactions.ApplyBatchAsync(batch.Select(b => b.Consumed!).ToList(), cancellationToken);
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
