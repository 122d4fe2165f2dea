namespace Platform.Kafka.Clients;

/// <summary>What a consumer group member's configuration is made from (<see cref="ConsumerClientConfig.For"/>).</summary>
/// <param name="BootstrapServers">Kafka.</param>
/// <param name="GroupId">The consumer group.</param>
/// <param name="Properties">The operator's librdkafka properties (security, timeouts, <c>group.protocol</c>); the member's own settings win.</param>
/// <param name="SessionTimeoutMs">The classic protocol's session timeout (unused under KIP-848's protocol, where the broker owns it).</param>
public sealed record ConsumerClientSettings(string BootstrapServers, string GroupId, IReadOnlyDictionary<string, string> Properties, int SessionTimeoutMs);
