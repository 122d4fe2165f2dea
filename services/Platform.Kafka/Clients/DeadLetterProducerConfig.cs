using Confluent.Kafka;

namespace Platform.Kafka.Clients;

/// <summary>Configuration of the producer a consumer parks records with (its dead-letter topic).</summary>
public static class DeadLetterProducerConfig
{
    /// <summary>
    /// The operator's <paramref name="properties"/> (security) without those only a consumer reads,
    /// then the settings the parking guarantee rests on: idempotent, <c>acks=all</c>, and the Java
    /// producer's murmur2 partitioning, so a parked record's key keeps its partition.
    /// </summary>
    public static ProducerConfig Create(string bootstrapServers, IEnumerable<KeyValuePair<string, string>>? properties) =>
        new(KafkaPropertyCheck.ForProducer(properties ?? []))
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            Partitioner = Partitioner.Murmur2Random,
        };
}
