using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Inventory.Worker.Infrastructure;

/// <summary>Versioned SQL of the Inventory database. Released migrations never change: add a new one.</summary>
public static class InventoryMigrations
{
    /// <summary>Longest customer id stored (the Orders service accepts at most 64 characters).</summary>
    public const int MaxCustomerIdLength = 64;

    /// <summary>Stock per sku and reservations per order.</summary>
    public static readonly Migration CreateInventory = new("inventory-0001-create", """
        CREATE TABLE stock (
            sku       varchar(64) PRIMARY KEY,
            -- The last line of defence against overselling: a bug that takes too much fails here.
            available integer     NOT NULL CHECK (available >= 0)
        );

        CREATE TABLE reservations (
            order_id         uuid        PRIMARY KEY,
            customer_id      varchar(64) NOT NULL,
            status           varchar(16) NOT NULL,
            -- [{"sku": ..., "quantity": ...}], one per sku; only ever read with its reservation.
            lines            jsonb       NOT NULL,
            rejection_reason text,
            rejected_skus    text[]      NOT NULL,
            decided_at       timestamptz NOT NULL,
            released_at      timestamptz,
            -- Events raised so far; the optimistic-concurrency token and the outbox sequence.
            version          bigint      NOT NULL
        );
        """);

    /// <summary>Every migration of the Inventory database: outbox, inbox, then inventory.</summary>
    public static IReadOnlyList<Migration> All { get; } = [.. OutboxMigrations.All, .. InboxMigrations.All, CreateInventory];
}
