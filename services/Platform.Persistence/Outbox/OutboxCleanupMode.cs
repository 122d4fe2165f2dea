namespace Platform.Persistence.Outbox;

/// <summary>How the outbox table is kept from growing without bound.</summary>
public enum OutboxCleanupMode
{
    /// <summary>
    /// Each inserted row is deleted again in the same transaction (a statement trigger). The
    /// CDC relay still sees every insert in the WAL; the table stays empty. Needs a CDC relay
    /// (embedded or Debezium); the polling relay has nothing to read in this mode.
    /// </summary>
    DeleteAfterInsert,

    /// <summary>
    /// Rows stay for <see cref="OutboxOptions.Retention"/> and are then purged in batches. Costs
    /// table space; buys the ability to inspect recent events in SQL and to run the polling relay.
    /// </summary>
    Retain,
}
