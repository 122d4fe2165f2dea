using Google.Protobuf;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Domain;
using Platform.Contracts;

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
        WriteOutboxRowsAsync(eventData.Context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await WriteOutboxRowsAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    /// <summary>
    /// Takes the pending events of every tracked aggregate as outbox rows and has them written in
    /// this save's transaction. Usually they are added to the change tracker and EF Core inserts
    /// them with the state, in its own transaction or the caller's (and a savepoint, when the
    /// caller's transaction has them on, undoes rows and state together). A caller that owns the
    /// transaction and switched savepoints off (any failure rolls back all of it, as the consumer
    /// host does) gets all rows in ONE statement instead, right away: one executor start, one
    /// statement-level delete trigger (DeleteAfterInsert mode) and no change tracking for the
    /// batch of rows a consumer writes per commit.
    /// </summary>
    private async ValueTask WriteOutboxRowsAsync(DbContext? context, bool async, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            return;
        }

        var rows = TakeRows(context);
        if (rows.Count == 0)
        {
            return;
        }

        if (context.Database.CurrentTransaction is { } transaction && !context.Database.AutoSavepointsEnabled)
        {
            var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            await OutboxBulkInsert.ExecuteAsync(npgsqlTransaction.Connection!, npgsqlTransaction, rows, async, cancellationToken);
        }
        else
        {
            context.AddRange(rows);
        }
    }

    private List<OutboxMessage> TakeRows(DbContext context)
    {
        // Materialise first: adding rows while enumerating the tracker would change it underneath us.
        var aggregates = context.ChangeTracker.Entries<AggregateRoot>()
            .Select(entry => entry.Entity)
            .Where(aggregate => aggregate.PendingEvents.Count > 0)
            .ToList();
        // Taken now, not after the save: the rows stay tracked as Added (or are already written),
        // so a retried SaveChanges writes them once, never twice.
        var raised = aggregates.SelectMany(aggregate => aggregate.TakePendingEvents().Select(e => (Aggregate: aggregate, Event: e))).ToList();

        // EF Core orders the inserts of one save by key, and UUID v7 ids taken within the same
        // millisecond are not ordered among themselves: the ids are sorted and handed out in the
        // order the events were raised, so rows are inserted (and relayed) in that order and an
        // aggregate's events reach Kafka in sequence order.
        var now = clock.GetUtcNow();
        var ids = raised.Select(_ => Guid.CreateVersion7(now)).Order().ToArray();
        var rows = new List<OutboxMessage>(raised.Count);
        for (var i = 0; i < raised.Count; i++)
        {
            rows.Add(RowFor(ids[i], raised[i].Aggregate, raised[i].Event));
        }

        return rows;
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
            Payload = raised.Event is IPublishedEvent published
                ? published.ToContract().ToByteArray()
                : throw new InvalidOperationException($"{raised.Event.GetType().Name} does not say which contract it is published as ({nameof(IPublishedEvent)})."),
            Timestamp = raised.Event.OccurredAt.UtcDateTime,
            TracingSpanContext = TraceContext.AsProperties(raised.TraceParent, raised.TraceState),
            Sequence = raised.Sequence,
        };
    }
}
