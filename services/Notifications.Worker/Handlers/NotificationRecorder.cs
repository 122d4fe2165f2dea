using Microsoft.EntityFrameworkCore;
using Notifications.Worker.Domain;
using Notifications.Worker.Infrastructure;
using Platform.Messaging.Consuming;

namespace Notifications.Worker.Handlers;

/// <summary>
/// Records the notification an event implies, inside the consumer host's transaction (inbox row
/// and notification commit together).
/// </summary>
public sealed class NotificationRecorder(TimeProvider clock)
{
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
        // The inbox already deduplicates; this also covers a replay older than its retention.
        if (await db.Notifications.AnyAsync(n => n.EventId == consumed.EventId, cancellationToken))
        {
            return;
        }

        var customerId = draft.CustomerId ?? await db.Notifications
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
