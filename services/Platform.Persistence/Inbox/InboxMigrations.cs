using Platform.Persistence.Migrations;

namespace Platform.Persistence.Inbox;

/// <summary>
/// The inbox: one row per (consumer, event) whose effect committed. Partitioned by the event's
/// own time (the Kafka record timestamp, which both relays take from the outbox
/// <c>timestamp</c> column), so every redelivery of an event lands in the same partition and
/// the primary key catches it; old partitions are dropped, never bulk-deleted.
/// </summary>
public static class InboxMigrations
{
    /// <summary>Creates the partitioned inbox table and its default partition.</summary>
    public static readonly Migration CreateInbox = new("inbox-0001-create", """
        CREATE TABLE inbox (
            consumer     varchar(128) NOT NULL,
            event_id     uuid         NOT NULL,
            event_time   timestamp(6) without time zone NOT NULL,
            processed_at timestamptz  NOT NULL DEFAULT now(),
            PRIMARY KEY (consumer, event_id, event_time)
        ) PARTITION BY RANGE (event_time);
        -- Catches events outside the daily partitions (replays of very old events, clock skew).
        CREATE TABLE inbox_default PARTITION OF inbox DEFAULT;
        """);

    /// <summary>Every inbox migration, in order.</summary>
    public static IReadOnlyList<Migration> All { get; } = [CreateInbox];
}
