using Confluent.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>The librdkafka settings of a <see cref="ConsumerHost{TContext}"/>'s consumer.</summary>
public static class ConsumerClientConfig
{
    /// <summary>librdkafka's default heartbeat interval.</summary>
    private const int DefaultHeartbeatIntervalMs = 3_000;

    /// <summary>
    /// Operator properties first (security, timeouts, <c>group.instance.id</c>); the host's own
    /// settings win, except the heartbeat interval, which is derived from the session timeout
    /// only when the operator did not set it.
    /// </summary>
    public static ConsumerConfig For(ConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ConsumerConfig(new Dictionary<string, string>(options.KafkaProperties))
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            // Offsets are stored by the workers after processing, and auto-commit commits only
            // stored offsets: that is what makes the commit follow the effect.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = 1000,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
            SessionTimeoutMs = options.SessionTimeoutMs,
            EnablePartitionEof = false,
            // Topics appear with their first relayed event; notice them within seconds, not
            // after librdkafka's default five minutes.
            TopicMetadataRefreshIntervalMs = 5_000,
            // An event waits at most this long in the broker when the partition was idle
            // (librdkafka's default is 500 ms); each saga step crosses two consumers.
            FetchWaitMaxMs = 50,
        };
        if (!options.KafkaProperties.ContainsKey("heartbeat.interval.ms"))
        {
            // Kafka's rule: heartbeats at most a third of the session timeout apart, so one lost
            // heartbeat never ends a session. librdkafka's 3 s suits sessions of 9 s and longer.
            config.HeartbeatIntervalMs = Math.Min(DefaultHeartbeatIntervalMs, options.SessionTimeoutMs / 3);
        }

        return config;
    }
}
