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
        // Taken now, not after the save: the rows stay tracked as Added, so a retried
        // SaveChanges writes them once, never twice.
        var raised = aggregates.SelectMany(aggregate => aggregate.TakePendingEvents().Select(e => (Aggregate: aggregate, Event: e))).ToList();
        if (raised.Count == 0)
        {
            return;
        }

        // EF Core orders the inserts of one save by key, and UUID v7 ids taken within the same
        // millisecond are not ordered among themselves: the ids are sorted and handed out in the
        // order the events were raised, so rows are inserted (and relayed) in that order and an
        // aggregate's events reach Kafka in sequence order.
        var now = clock.GetUtcNow();
        var ids = raised.Select(_ => Guid.CreateVersion7(now)).Order().ToArray();
        for (var i = 0; i < raised.Count; i++)
        {
            context.Add(RowFor(ids[i], raised[i].Aggregate, raised[i].Event));
        }
    }

    /// <summary>
    /// The outbox row <paramref name="id"/> of one raised event: the aggregate's type and id, the
    /// event's type, its contract serialized as Protobuf, its time, its sequence and the trace
    /// context current when it was raised (java.util.Properties text, or null).
    /// </summary>
    public static OutboxMessage RowFor(Guid id, AggregateRoot aggregate, RaisedEvent raised)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(raised);
        return new OutboxMessage
        {
            Id = id,
            AggregateType = aggregate.AggregateType,
            AggregateId = aggregate.AggregateId,
            Type = raised.Event.EventType,
            Payload = raised.Event.ToContract().ToByteArray(),
            Timestamp = raised.Event.OccurredAt.UtcDateTime,
            TracingSpanContext = raised.TraceContext,
            Sequence = raised.Sequence,
        };
    }
}
