using Confluent.Kafka;

namespace Platform.Kafka.Clients;

/// <summary>Configuration of the operator tools' admin clients (replay planning, purges, the dashboard's offsets, conformance runs).</summary>
public static class ToolAdminConfig
{
    /// <summary>An admin client of <paramref name="bootstrapServers"/> with librdkafka's defaults; it reads metadata and offsets and never joins a group.</summary>
    public static AdminClientConfig Create(string bootstrapServers) => new() { BootstrapServers = bootstrapServers };
}
