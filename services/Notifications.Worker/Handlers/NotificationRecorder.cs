using Microsoft.EntityFrameworkCore;
using Notifications.Worker.Domain;
using Notifications.Worker.Infrastructure;
using Platform.Messaging.Consuming;

namespace Notifications.Worker.Handlers;

/// <summary>
/// Records the notification an event implies, inside the consumer host's transaction (inbox rows
/// and notifications commit together). <see cref="PrepareAsync"/> runs first for all new events
/// of the transaction; <see cref="RecordAsync"/> then reads what it loaded from the change tracker.
/// </summary>
public sealed class NotificationRecorder(TimeProvider clock)
{
    /// <summary>
    /// Loads, tracked, the notifications already recorded for these events and the
    /// OrderReceived notifications of their orders (every event's key is its order id), which
    /// name the customer of events that do not. Nothing is locked: notifications are only inserted.
    /// </summary>
    public static async Task PrepareAsync(NotificationsDbContext db, IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        var eventIds = events.Select(e => e.EventId).ToArray();
        var orderIds = events.Select(e => e.AggregateId).Distinct(StringComparer.Ordinal).ToArray();
        await db.Notifications
            .Where(n => eventIds.Contains(n.EventId) || (n.Kind == NotificationKinds.OrderReceived && orderIds.Contains(n.OrderId)))
            .LoadAsync(cancellationToken);
    }

    /// <summary>Records <paramref name="draft"/> for <paramref name="consumed"/>, once per event.</summary>
    /// <exception cref="InvalidEventException">
    /// The event names no customer and this service never saw the order's OrderPlaced (which
    /// precedes it in the same partition), so nobody can be notified: dead-lettered for a look.
    /// </exception>
    public async Task RecordAsync(NotificationsDbContext db, NotificationDraft draft, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(consumed);
        var recorded = db.Notifications.Local;
        // The inbox already deduplicates; this also covers a replay older than its retention.
        if (recorded.Any(n => n.EventId == consumed.EventId))
        {
            return;
        }

        // Loaded by PrepareAsync, or recorded earlier in this batch; an order id in the payload
        // that differs from the record key is looked up in the database.
        var customerId = draft.CustomerId
            ?? recorded.FirstOrDefault(n => n.OrderId == draft.OrderId && n.Kind == NotificationKinds.OrderReceived)?.CustomerId
            ?? await db.Notifications
                .Where(n => n.OrderId == draft.OrderId && n.Kind == NotificationKinds.OrderReceived)
                .Select(n => n.CustomerId)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidEventException($"{consumed.EventType} for order {draft.OrderId}, whose OrderPlaced was never recorded: no customer to notify.");
        var now = clock.GetUtcNow();
        db.Notifications.Add(new Notification
        {
            Id = Guid.CreateVersion7(now),
            CustomerId = customerId,
            OrderId = draft.OrderId,
            Kind = draft.Kind,
            Message = draft.Message,
            EventId = consumed.EventId,
            CreatedAt = now,
        });
    }

    /// <summary>For events that imply no notification: the host still records them in the inbox.</summary>
    public static Task NothingToSay<TEvent>(NotificationsDbContext db, TEvent message, ConsumedEvent consumed, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
