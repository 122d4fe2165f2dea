using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Orders.Api.Infrastructure;

/// <summary>Versioned SQL of the Orders database. Released migrations never change: add a new one.</summary>
public static class OrdersMigrations
{
    /// <summary>Orders (lines as jsonb: they are only ever read with their order) and idempotency keys.</summary>
    public static readonly Migration CreateOrders = new("orders-0001-create", """
        CREATE TABLE orders (
            id                  uuid          PRIMARY KEY,
            customer_id         varchar(64)   NOT NULL,
            currency            char(3)       NOT NULL,
            status              varchar(16)   NOT NULL,
            total               numeric(24,2) NOT NULL,
            lines               jsonb         NOT NULL,
            placed_at           timestamptz   NOT NULL,
            confirmed_at        timestamptz,
            cancelled_at        timestamptz,
            cancellation_reason varchar(500),
            cancelled_by        varchar(16),
            -- Events raised so far; the optimistic-concurrency token and the outbox sequence.
            version             bigint        NOT NULL
        );
        -- GET /orders filters by customer and/or status, newest first.
        CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC, id);
        CREATE INDEX orders_status_idx ON orders (status, placed_at DESC, id);

        -- Idempotency-Key (IETF httpapi draft), scoped per client identity.
        CREATE TABLE idempotency_keys (
            client_id     varchar(256) NOT NULL,
            key           varchar(255) NOT NULL,
            request_hash  bytea        NOT NULL,
            status_code   integer      NOT NULL,
            location      text,
            response_body bytea        NOT NULL,
            created_at    timestamptz  NOT NULL,
            expires_at    timestamptz  NOT NULL,
            PRIMARY KEY (client_id, key)
        );
        CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
        """);

    /// <summary>Saga state on orders, and the read model built from events (timeline, counts by status).</summary>
    public static readonly Migration SagaAndReadModel = new("orders-0002-saga-read-model", """
        ALTER TABLE orders
            ADD COLUMN payment varchar(16) NOT NULL DEFAULT 'Pending',
            ADD COLUMN stock   varchar(16) NOT NULL DEFAULT 'Pending';

        -- One row per event about an order, from every service's topic.
        CREATE TABLE order_timeline (
            event_id    uuid         PRIMARY KEY,
            order_id    uuid         NOT NULL,
            event_type  varchar(64)  NOT NULL,
            topic       varchar(255) NOT NULL,
            sequence    bigint,
            occurred_at timestamptz  NOT NULL,
            summary     text         NOT NULL
        );
        CREATE INDEX order_timeline_order_idx ON order_timeline (order_id, occurred_at, event_id);

        -- Live counts by status, moved by OrderPlaced/Confirmed/Cancelled as they are consumed.
        CREATE TABLE order_status_counts (
            status varchar(16) PRIMARY KEY,
            count  bigint      NOT NULL
        );
        INSERT INTO order_status_counts (status, count) VALUES ('Placed', 0), ('Confirmed', 0), ('Cancelled', 0);
        """);

    /// <summary>
    /// The Idempotency-Key claim moves into the key row's INSERT, so placing an order is one
    /// statement batch (one round trip, one implicit transaction): a row of a key is only written
    /// by the transaction that holds the key's transaction-scoped advisory lock. A concurrent
    /// request with the same key fails at once (lock_not_available: the API answers 409) instead
    /// of queueing behind it. An existing row makes the INSERT fail on the primary key: the API
    /// then replays it, or, when it has expired, deletes it and inserts again (an expired key is
    /// a new key). The lock name joins client and key with a newline, which neither a principal
    /// name nor a header value contains; a 64-bit hash collision only costs a spurious 409.
    /// </summary>
    public static readonly Migration IdempotencyClaim = new("orders-0003-idempotency-claim", """
        CREATE FUNCTION idempotency_keys_claim() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT pg_try_advisory_xact_lock(hashtextextended(NEW.client_id || E'\n' || NEW.key, 0)) THEN
                RAISE EXCEPTION 'A request with this Idempotency-Key is in flight.' USING ERRCODE = 'lock_not_available', TABLE = 'idempotency_keys';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER idempotency_keys_claim BEFORE INSERT ON idempotency_keys
            FOR EACH ROW EXECUTE FUNCTION idempotency_keys_claim();
        """);

    /// <summary>
    /// Every order belongs to the API client that placed it (<c>client_id</c>, the principal that
    /// scopes its Idempotency-Key). Orders placed before this migration get an owner by one rule:
    /// the client of the Idempotency-Key row whose stored response is that order's (its
    /// <c>location</c> is <c>/orders/{id}</c>; a row is written only with the order it created, so
    /// at most one matches), else <see cref="UnownedClient"/>, the empty string, which no caller can
    /// be (a principal's name is never empty), so only operators see such an order. Key rows live
    /// for <c>Idempotency:KeyLifetime</c>, so only recent orders find theirs. Adding the column with
    /// a default is a catalogue change (no table rewrite); only the matched orders are updated. The
    /// default is dropped afterwards: an order written without its owner fails instead of
    /// silently becoming unowned. The index serves a client's own list, newest first.
    /// </summary>
    public static readonly Migration OrderOwner = new("orders-0004-order-owner", """
        ALTER TABLE orders ADD COLUMN client_id varchar(256) NOT NULL DEFAULT '';
        UPDATE orders o SET client_id = k.client_id
        FROM idempotency_keys k
        WHERE k.location = '/orders/' || o.id::text;
        ALTER TABLE orders ALTER COLUMN client_id DROP DEFAULT;
        CREATE INDEX orders_client_idx ON orders (client_id, placed_at DESC, id);
        """);

    /// <summary>The owner of orders placed before owners were recorded, and whose placing client is unknown: only operators see them.</summary>
    public const string UnownedClient = "";

    /// <summary>Every migration of the Orders database, in order.</summary>
    public static IReadOnlyList<Migration> All { get; } = [.. OutboxMigrations.All, CreateOrders, .. InboxMigrations.All, SagaAndReadModel, IdempotencyClaim, OrderOwner];
}
