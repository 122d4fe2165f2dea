namespace Platform.Relay.Configuration;

/// <summary>How the relay finds new outbox rows.</summary>
public enum RelayMode
{
    /// <summary>Logical replication (pgoutput) from a slot: every committed insert, in commit order, even when rows are deleted in the same transaction.</summary>
    Cdc,

    /// <summary>
    /// Polls the table with <c>FOR UPDATE SKIP LOCKED</c> and deletes rows after Kafka acknowledged
    /// them; for databases where logical replication is not allowed.
    /// </summary>
    Polling,
}
