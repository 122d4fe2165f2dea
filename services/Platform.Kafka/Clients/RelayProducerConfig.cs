using Confluent.Kafka;

namespace Platform.Kafka.Clients;

/// <summary>Configuration of the embedded relay's producer, with the settings its guarantees rest on.</summary>
public static class RelayProducerConfig
{
    /// <summary>
    /// The relay's settings, then <paramref name="overrides"/> (<c>Relay:Producer:*</c>, validated by
    /// the relay's options: none of them may weaken the guarantees below).
    /// </summary>
    public static ProducerConfig Create(string bootstrapServers, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            // Idempotence + acks=all: a retried batch is written once and in order, so one
            // aggregate's events keep their order across retries (Kafka KIP-98).
            EnableIdempotence = true,
            Acks = Acks.All,
            // Kafka Connect's Java producer picks partitions with murmur2 over the key bytes
            // (Utils.toPositive(Utils.murmur2(key)) % partitions). librdkafka's default
            // consistent_random uses CRC32 and would move aggregates to other partitions than
            // Debezium does; murmur2_random is librdkafka's Java-compatible partitioner.
            Partitioner = Partitioner.Murmur2Random,
            // No lingering: a quiet stream's lone commit is sent at once, while a backlog still
            // goes out in big batches: records pile up behind the requests in flight (up to 5
            // with idempotence).
            LingerMs = 0,
            BatchSize = 1_000_000,
            QueueBufferingMaxMessages = 500_000,
            QueueBufferingMaxKbytes = 1_048_576,
        };
        foreach (var (key, value) in overrides)
        {
            config.Set(key, value);
        }

        return config;
    }
}
