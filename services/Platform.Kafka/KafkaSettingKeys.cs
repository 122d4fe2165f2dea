namespace Platform.Kafka;

/// <summary>Where a process's Kafka settings live: its bootstrap servers and its extra librdkafka properties (security).</summary>
/// <param name="BootstrapServers">Configuration key of the bootstrap servers.</param>
/// <param name="Properties">Configuration section of extra librdkafka properties (e.g. <c>security.protocol</c>, <c>sasl.*</c>).</param>
public sealed record KafkaSettingKeys(string BootstrapServers, string Properties)
{
    /// <summary>The services: <c>Kafka:BootstrapServers</c> and <c>Kafka:Properties</c>.</summary>
    public static KafkaSettingKeys Services { get; } = new("Kafka:BootstrapServers", "Kafka:Properties");

    /// <summary>The relay: <c>Relay:BootstrapServers</c> and <c>Relay:Producer</c>.</summary>
    public static KafkaSettingKeys Relay { get; } = new("Relay:BootstrapServers", "Relay:Producer");
}
