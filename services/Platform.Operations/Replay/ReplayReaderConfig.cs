using Confluent.Kafka;
using Platform.Kafka.Clients;

namespace Platform.Operations.Replay;

/// <summary>The configuration every replay, dead-letter operation and purge reads with: the throwaway reader's settings, then the operator's properties from the environment.</summary>
public static class ReplayReaderConfig
{
    /// <summary><see cref="ReplayConsumerConfig.Create"/> with <see cref="KafkaClientProperties.FromEnvironment"/> applied (its own settings win).</summary>
    public static ConsumerConfig Create(string bootstrapServers) => KafkaClientProperties.Apply(ReplayConsumerConfig.Create(bootstrapServers));
}
