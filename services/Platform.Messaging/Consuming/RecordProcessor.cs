using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Inbox;

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
    ILogger logger) where TContext : DbContext
{
    private readonly KeyValuePair<string, object?> _tag = new("consumer", consumer);

    /// <summary>Processes <paramref name="record"/> to one of the <see cref="RecordOutcome"/>s; <paramref name="sequences"/> is its partition's tracker.</summary>
    public async Task<RecordOutcome> ProcessAsync(ConsumeResult<byte[]?, byte[]?> record, SequenceTracker sequences, CancellationToken cancellationToken)
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

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await ApplyOnceAsync(consumed, handler, cancellationToken);
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
                if (attempt >= options.MaxAttempts)
                {
                    return await ParkAsync(record, $"handler failed {attempt} times; last error: {ex.Message}", ex, attempt, cancellationToken);
                }

                metrics.Retries.Add(1, _tag);
                var delay = TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, options.RetryDelay.Ticks << Math.Min(attempt - 1, 20)));
                LogRetry(ex, consumed.EventType, consumed.EventId, attempt, delay);
                await Task.Delay(delay, clock, cancellationToken);
            }
        }
    }

    /// <summary>One attempt: inbox row first (a duplicate stops here), then the handler, then commit.</summary>
    private async Task<bool> ApplyOnceAsync(ConsumedEvent consumed, Func<TContext, ConsumedEvent, CancellationToken, Task> handler, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent delivery of the same event blocks on this insert until the other commits,
        // then inserts nothing: exactly one of them applies the effect.
        var inserted = await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO inbox (consumer, event_id, event_time) VALUES (@consumer, @id, @time) ON CONFLICT DO NOTHING",
            [
                new NpgsqlParameter("consumer", consumer),
                new NpgsqlParameter("id", consumed.EventId),
                // timestamp WITHOUT time zone holding UTC; the same on every delivery (see EventTime).
                new NpgsqlParameter("time", NpgsqlDbType.Timestamp)
                {
                    Value = DateTime.SpecifyKind(EventTime.Of(consumed.EventId, consumed.Timestamp), DateTimeKind.Unspecified),
                },
            ],
            cancellationToken);
        if (inserted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await handler(db, consumed, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
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
        await deadLetters.ParkAsync(record, consumer, reason, exception, attempts, cancellationToken);
        metrics.DeadLettered.Add(1, _tag);
        return RecordOutcome.DeadLettered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sequence {Check} for aggregate {AggregateId}: got {Sequence} ({EventType})")]
    private partial void LogSequenceAnomaly(SequenceCheck check, string aggregateId, long sequence, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped event {EventId} of unknown type {EventType}")]
    private partial void LogUnknownType(string eventType, Guid eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {EventType} {EventId} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogRetry(Exception exception, string eventType, Guid eventId, int attempt, TimeSpan delay);
}
