using Platform.Persistence.Migrations;

namespace Platform.Persistence.Outbox;

/// <summary>
/// The outbox table every service database holds, with the columns Debezium's Outbox Event
/// Router reads (https://debezium.io/documentation/reference/stable/transformations/outbox-event-router.html)
/// plus the aggregate's sequence number.
/// </summary>
public static class OutboxMigrations
{
    /// <summary>Name of the outbox table (in the connection's default schema).</summary>
    public const string Table = "outbox";

    /// <summary>Creates the outbox table and the insert-then-delete trigger function (unattached; see <see cref="OutboxCleanupMode"/>).</summary>
    public static readonly Migration CreateOutbox = new("outbox-0001-create", """
        CREATE TABLE outbox (
            id                 uuid         PRIMARY KEY,
            aggregatetype      varchar(255) NOT NULL,
            aggregateid        varchar(255) NOT NULL,
            type               varchar(255) NOT NULL,
            payload            bytea        NOT NULL,
            -- UTC, WITHOUT time zone: Debezium's table.field.event.timestamp rejects timestamptz.
            "timestamp"        timestamp(6) without time zone NOT NULL,
            -- W3C trace context in java.util.Properties text form: traceparent=00-...
            tracingspancontext varchar(512),
            -- 1, 2, 3... per aggregate, so consumers can detect gaps and reordering.
            sequence           bigint       NOT NULL
        );
        CREATE INDEX outbox_timestamp_idx ON outbox ("timestamp");

        -- Insert-then-delete in the same transaction: the INSERT reaches the WAL (and so the
        -- CDC relay) but the table stays empty. Attached only in DeleteAfterInsert mode.
        CREATE FUNCTION outbox_delete_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM outbox o USING inserted i WHERE o.id = i.id;
            RETURN NULL;
        END
        $$;
        """);

    /// <summary>
    /// The Retain-mode purge horizon (<see cref="OutboxPurgeHorizon"/>): one row, written by the purge
    /// before it deletes, so a re-emit can tell "no events then" from "events purged".
    /// </summary>
    public static readonly Migration CreatePurgeHorizon = new("outbox-0002-purge-horizon", $$"""
        CREATE TABLE {{OutboxPurgeHorizon.Table}} (
            singleton     boolean      PRIMARY KEY DEFAULT true CHECK (singleton),
            -- Rows with "timestamp" below this may have been purged; rows at or after it never were.
            purged_before timestamp(6) without time zone NOT NULL
        );
        """);

    /// <summary>
    /// The polling relay reads the oldest rows in ("timestamp", aggregatetype, aggregateid,
    /// sequence) order. With an index on exactly that order the read is an index scan that stops
    /// after one batch; with the timestamp index alone PostgreSQL sorts every row sharing a
    /// timestamp (the events of one transaction share theirs) on every batch. It replaces the
    /// timestamp index (same leading column, so purges and re-emits by time still use it), so
    /// writers still maintain one secondary index (in Retain mode only: DeleteAfterInsert drops it,
    /// see <see cref="OutboxCleanup"/>). Built without CONCURRENTLY: writes to the
    /// outbox wait while it is built, which is instant for an outbox that is kept short.
    /// </summary>
    public static readonly Migration RelayOrderIndex = new("outbox-0003-relay-order-index", $"""
        CREATE INDEX {RelayOrderIndexName} ON outbox {RelayOrderIndexKey};
        DROP INDEX outbox_timestamp_idx;
        """);

    /// <summary>The name of the index <see cref="RelayOrderIndex"/> creates (<see cref="OutboxCleanup"/> drops and rebuilds it by mode).</summary>
    internal const string RelayOrderIndexName = "outbox_relay_order_idx";

    /// <summary>That index's key: the polling relay's read order.</summary>
    internal const string RelayOrderIndexKey = """("timestamp", aggregatetype, aggregateid, sequence)""";

    /// <summary>
    /// The insert-then-delete trigger finds the rows it deletes by primary key, whatever the
    /// statistics say. Its DELETE is planned once per session and the plan is kept until the
    /// table's statistics change: planned right after a vacuum has truncated the empty table to no
    /// pages, it is a sequential scan, and every later insert then reads every page the table has
    /// grown to meanwhile (the dead rows of other transactions, until the next vacuum). Measured
    /// with pgbench (8 clients, one outbox row per statement, after a VACUUM ANALYZE of the
    /// table): 450 pages read per insert and 12,900 inserts/s, against 16,800 to 18,200 by key.
    /// Sequential scans are off for the function's own statement only.
    /// </summary>
    public static readonly Migration DeleteByKey = new("outbox-0004-delete-by-key", """
        ALTER FUNCTION outbox_delete_inserted() SET enable_seqscan = off;
        """);

    /// <summary>Every outbox migration, in order.</summary>
    public static IReadOnlyList<Migration> All { get; } = [CreateOutbox, CreatePurgeHorizon, RelayOrderIndex, DeleteByKey];
}
