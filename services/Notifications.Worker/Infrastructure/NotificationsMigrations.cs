using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Notifications.Worker.Infrastructure;

/// <summary>Versioned SQL of the Notifications database. Released migrations never change: add a new one.</summary>
public static class NotificationsMigrations
{
    /// <summary>Longest customer or order id stored.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Notifications, one per implying event.</summary>
    public static readonly Migration CreateNotifications = new("notifications-0001-create", """
        CREATE TABLE notifications (
            id          uuid        PRIMARY KEY,
            customer_id varchar(64) NOT NULL,
            order_id    varchar(64) NOT NULL,
            kind        varchar(32) NOT NULL,
            message     text        NOT NULL,
            -- One notification per event, even for a replay older than the inbox's retention.
            event_id    uuid        NOT NULL UNIQUE,
            created_at  timestamptz NOT NULL
        );
        -- A customer's notifications, newest first.
        CREATE INDEX notifications_customer_idx ON notifications (customer_id, created_at DESC);
        -- Finding an order's customer for events that do not carry it (OrderConfirmed, OrderCancelled).
        CREATE INDEX notifications_order_idx ON notifications (order_id);
        """);

    /// <summary>Every migration of the Notifications database: outbox, inbox, then notifications.</summary>
    public static IReadOnlyList<Migration> All { get; } = [.. OutboxMigrations.All, .. InboxMigrations.All, CreateNotifications];
}
