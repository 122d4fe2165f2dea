namespace Platform.Local;

/// <summary>
/// librdkafka's mock cluster: Kafka-protocol brokers on loopback ports, owned by one native
/// client in this process. Other clients, in this process or others, connect to
/// <see cref="BootstrapServers"/>. Everything is in memory and the cluster stops when this
/// object is disposed. Topics are auto-created on first use.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly Lock _gate = new();
    private IntPtr _client;
    private readonly IntPtr _cluster;

    private MockKafkaCluster(IntPtr client, IntPtr cluster, int brokers)
    {
        _client = client;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = LibrdkafkaMock.Bootstraps(cluster);
    }

    /// <summary>Comma-separated broker addresses, as a client's <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers (ids 1 to <see cref="Brokers"/>).</summary>
    public int Brokers { get; }

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers and returns once their addresses are known.</summary>
    public static MockKafkaCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var (client, cluster) = LibrdkafkaMock.Create(brokers);
        try
        {
            return new MockKafkaCluster(client, cluster, brokers);
        }
        catch
        {
            LibrdkafkaMock.Destroy(client);
            throw;
        }
    }

    /// <summary>
    /// Takes every broker down (open connections are closed, new ones refused) or brings them
    /// all back; the cluster's data stays. For fault injection: Kafka unreachable for a while.
    /// </summary>
    public void SetReachable(bool reachable)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_client == IntPtr.Zero, this);
            for (var broker = 1; broker <= Brokers; broker++)
            {
                LibrdkafkaMock.SetBroker(_cluster, broker, reachable);
            }
        }
    }

    /// <summary>
    /// Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions, replicated
    /// on every broker (up to 3), before anything uses it; otherwise the first client to use a
    /// topic creates it with the cluster's default of 4 partitions.
    /// </summary>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_client == IntPtr.Zero, this);
            LibrdkafkaMock.CreateTopic(_cluster, topic, partitions, Math.Min(Brokers, 3));
        }
    }

    /// <summary>
    /// The brokers' <c>group.initial.rebalance.delay.ms</c>: how long a consumer group that had no
    /// member waits for more to join before it assigns partitions to the first (3 s by default,
    /// as on a real broker). Kafka suggests 0 where groups have a single member.
    /// </summary>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_client == IntPtr.Zero, this);
            LibrdkafkaMock.SetGroupInitialRebalanceDelay(_cluster, (int)delay.TotalMilliseconds);
        }
    }

    /// <summary>
    /// The brokers' session timeout and heartbeat interval for groups on KIP-848's consumer group
    /// protocol (<c>group.consumer.session.timeout.ms</c>, <c>group.consumer.heartbeat.interval.ms</c>,
    /// 45 s and 5 s by default on a real broker). Returns false, changing nothing,
    /// when the loaded librdkafka's mock cluster lacks these settings.
    /// </summary>
    public bool TrySetConsumerGroupTimeouts(TimeSpan sessionTimeout, TimeSpan heartbeatInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionTimeout, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(heartbeatInterval, TimeSpan.FromMilliseconds(1));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_client == IntPtr.Zero, this);
            return LibrdkafkaMock.TrySetConsumerGroupTimeouts(_cluster, (int)sessionTimeout.TotalMilliseconds, (int)heartbeatInterval.TotalMilliseconds);
        }
    }

    /// <summary>Stops the brokers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_client != IntPtr.Zero)
            {
                LibrdkafkaMock.Destroy(_client);
                _client = IntPtr.Zero;
            }
        }
    }
}
