using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Persistence.Outbox;

/// <summary>
/// Turns the pending events of every tracked <see cref="AggregateRoot"/> into outbox rows just
/// before SaveChanges writes, so state and events commit in one transaction (or not at all).
/// </summary>
public sealed class OutboxInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddOutboxRows(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AddOutboxRows(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddOutboxRows(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Materialise first: adding rows while enumerating the tracker would change it underneath us.
        var aggregates = context.ChangeTracker.Entries<AggregateRoot>()
            .Select(entry => entry.Entity)
            .Where(aggregate => aggregate.PendingEvents.Count > 0)
            .ToList();
        var traceContext = TraceContext.CurrentAsProperties();
        foreach (var aggregate in aggregates)
        {
            // Taken now, not after the save: the rows stay tracked as Added, so a retried
            // SaveChanges writes them once, never twice.
            foreach (var raised in aggregate.TakePendingEvents())
            {
                context.Add(RowFor(aggregate, raised, clock.GetUtcNow(), traceContext));
            }
        }
    }

    /// <summary>
    /// The outbox row of one raised event: a UUID v7 id taken at <paramref name="now"/>, the
    /// aggregate's type and id, the event's type, its contract serialized as Protobuf, its time
    /// and the trace context (java.util.Properties text, or null).
    /// </summary>
    public static OutboxMessage RowFor(AggregateRoot aggregate, RaisedEvent raised, DateTimeOffset now, string? traceContext)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(raised);
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            AggregateType = aggregate.AggregateType,
            AggregateId = aggregate.AggregateId,
            Type = raised.Event.EventType,
            Payload = raised.Event.ToContract().ToByteArray(),
            Timestamp = raised.Event.OccurredAt.UtcDateTime,
            TracingSpanContext = traceContext,
            Sequence = raised.Sequence,
        };
    }
}
