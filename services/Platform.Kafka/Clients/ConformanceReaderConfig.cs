using Confluent.Kafka;

namespace Platform.Kafka.Clients;

/// <summary>Configuration of the consumer a conformance run reads a relay's records with.</summary>
public static class ConformanceReaderConfig
{
    /// <summary>Never joins the group (assign only) and never commits: nothing of a live group moves.</summary>
    public static ConsumerConfig Create(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = "conformance-" + Guid.NewGuid().ToString("N"),
        EnableAutoCommit = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        IsolationLevel = IsolationLevel.ReadCommitted,
    };
}
