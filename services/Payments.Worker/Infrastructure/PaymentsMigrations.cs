using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;

namespace Payments.Worker.Infrastructure;

/// <summary>Versioned SQL of the Payments database. Released migrations never change: add a new one.</summary>
public static class PaymentsMigrations
{
    /// <summary>Longest customer id stored (the Orders service accepts at most 64 characters).</summary>
    public const int MaxCustomerIdLength = 64;

    /// <summary>Payments, one per order.</summary>
    public static readonly Migration CreatePayments = new("payments-0001-create", """
        CREATE TABLE payments (
            order_id       uuid          PRIMARY KEY,
            customer_id    varchar(64)   NOT NULL,
            currency       varchar(3)    NOT NULL,
            -- numeric(28,9) holds any contract Money (units + nanos) exactly.
            amount         numeric(28,9) NOT NULL,
            status         varchar(16)   NOT NULL,
            decline_reason text,
            decided_at     timestamptz   NOT NULL,
            refunded_at    timestamptz,
            -- Events raised so far; the optimistic-concurrency token and the outbox sequence.
            version        bigint        NOT NULL
        );
        -- Every decision sums the customer's outstanding (authorized) payments in one currency.
        CREATE INDEX payments_outstanding_idx ON payments (customer_id, currency) WHERE status = 'Authorized';
        """);

    /// <summary>
    /// Credit exposure per customer and currency (the sum of Authorized payments), filled from
    /// the payments already there. Decisions lock and read this row instead of summing payments,
    /// so the index that served the sum goes.
    /// </summary>
    public static readonly Migration CreateCreditExposure = new("payments-0002-credit-exposure", """
        CREATE TABLE credit_exposure (
            customer_id varchar(64)   NOT NULL,
            currency    varchar(3)    NOT NULL,
            outstanding numeric(28,9) NOT NULL,
            PRIMARY KEY (customer_id, currency)
        );
        INSERT INTO credit_exposure (customer_id, currency, outstanding)
        SELECT customer_id, currency, sum(amount) FROM payments WHERE status = 'Authorized' GROUP BY customer_id, currency;
        DROP INDEX payments_outstanding_idx;
        """);

    /// <summary>Every migration of the Payments database: outbox, inbox, then payments.</summary>
    public static IReadOnlyList<Migration> All { get; } = [.. OutboxMigrations.All, .. InboxMigrations.All, CreatePayments, CreateCreditExposure];
}
