using Confluent.Kafka;

namespace Platform.Kafka.Clients;

/// <summary>Configuration of the producer that re-publishes recorded events (a replay to a topic, a dead-letter redrive).</summary>
public static class RepublishProducerConfig
{
    /// <summary>
    /// Idempotent with <c>acks=all</c>, so a record is acknowledged once it is durable and a
    /// retried batch is written once; murmur2 over the key, as Kafka Connect's Java producer
    /// partitions, so a key lands where its original did in a topic of the same size.
    /// </summary>
    public static ProducerConfig Create(string bootstrapServers) => new()
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        Partitioner = Partitioner.Murmur2Random,
        LingerMs = 5,
        // Replays move history in bulk: batches of similar records compress well.
        CompressionType = CompressionType.Lz4,
        BatchNumMessages = 10_000,
        QueueBufferingMaxMessages = 500_000,
    };
}
