using Confluent.Kafka;

namespace Platform.Kafka.Clients;

/// <summary>The librdkafka settings of a consumer group member (the consumer host every service runs).</summary>
public static class ConsumerClientConfig
{
    /// <summary>librdkafka's default heartbeat interval.</summary>
    private const int DefaultHeartbeatIntervalMs = 3_000;

    /// <summary>The <c>group.protocol</c> value of KIP-848's consumer group protocol (Kafka 4.0 and later).</summary>
    public const string ConsumerGroupProtocol = "consumer";

    /// <summary>
    /// Properties that belong to the classic group protocol: under <c>group.protocol=consumer</c>
    /// the broker decides the session, the heartbeats and the assignment, and librdkafka refuses
    /// a client that sets them.
    /// </summary>
    public static readonly IReadOnlySet<string> ClassicOnlyProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy", "group.protocol.type",
    };

    /// <summary>True when <paramref name="properties"/> choose KIP-848's consumer group protocol (<c>Kafka:Properties:group.protocol=consumer</c>).</summary>
    public static bool UsesConsumerProtocol(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.TryGetValue("group.protocol", out var protocol)
            && string.Equals(protocol.Trim(), ConsumerGroupProtocol, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Operator properties first (security, timeouts, <c>group.instance.id</c>, <c>group.protocol</c>);
    /// the host's own settings win. Under the classic group protocol (librdkafka's default) the
    /// session timeout is <see cref="ConsumerClientSettings.SessionTimeoutMs"/> and the heartbeat interval
    /// is derived from it unless the operator set one; under <c>group.protocol=consumer</c> both are
    /// the broker's (<c>group.consumer.session.timeout.ms</c>, <c>group.consumer.heartbeat.interval.ms</c>)
    /// and neither is set here.
    /// </summary>
    public static ConsumerConfig For(ConsumerClientSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ConsumerConfig(new Dictionary<string, string>(options.Properties))
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
            EnablePartitionEof = false,
            // Topics appear with their first relayed event; notice them within seconds, not
            // after librdkafka's default five minutes.
            TopicMetadataRefreshIntervalMs = 5_000,
            // An event waits at most this long in the broker when the partition was idle
            // (librdkafka's default is 500 ms); each saga step crosses two consumers.
            FetchWaitMaxMs = 50,
        };
        if (UsesConsumerProtocol(options.Properties))
        {
            return config;
        }

        config.SessionTimeoutMs = options.SessionTimeoutMs;
        if (!options.Properties.ContainsKey("heartbeat.interval.ms"))
        {
            // Kafka's rule: heartbeats at most a third of the session timeout apart, so one lost
            // heartbeat never ends a session. librdkafka's 3 s suits sessions of 9 s and longer.
            config.HeartbeatIntervalMs = Math.Min(DefaultHeartbeatIntervalMs, options.SessionTimeoutMs / 3);
        }

        return config;
    }
}
