namespace Fault.Harness;

/// <summary>The faults the harness injects.</summary>
public enum FaultKind
{
    /// <summary>SIGKILL of the Orders API process (API, saga, read model).</summary>
    KillOrders,

    /// <summary>SIGKILL of the Payments worker.</summary>
    KillPayments,

    /// <summary>SIGKILL of the Inventory worker.</summary>
    KillInventory,

    /// <summary>SIGKILL of the Notifications worker.</summary>
    KillNotifications,

    /// <summary>SIGKILL of one of the three relays, chosen at random.</summary>
    KillRelay,

    /// <summary>SIGKILL of the Orders relay while a large outbox transaction is partly in Kafka.</summary>
    KillRelayMidTransaction,

    /// <summary><c>pg_ctl restart -m immediate</c>: every database connection dies, crash recovery runs.</summary>
    PostgresImmediateRestart,

    /// <summary>Every Kafka broker down for a few seconds (only where the cluster allows it: the mock cluster does).</summary>
    KafkaUnreachable,
}
