using Confluent.Kafka;

namespace Platform.Kafka.Clients;

/// <summary>Configuration of the throwaway consumer a replay, a dead-letter operation or a purge reads with.</summary>
public static class ReplayConsumerConfig
{
    /// <summary>
    /// A random group id that no live consumer uses, auto commit off, and the reader only ever
    /// <c>Assign</c>s partitions (no group membership, no rebalance) and never calls Commit:
    /// so a replay cannot move any live group's committed offsets.
    /// </summary>
    public static ConsumerConfig Create(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = "replay-" + Guid.NewGuid().ToString("N"),
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        // Only committed records, as live consumers read them.
        IsolationLevel = IsolationLevel.ReadCommitted,
        EnablePartitionEof = true,
        // A replay reads history in bulk.
        FetchMaxBytes = 64 * 1024 * 1024,
        QueuedMinMessages = 100_000,
    };
}
