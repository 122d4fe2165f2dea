using Confluent.Kafka;

namespace Platform.Local;

/// <summary>
/// librdkafka's mock cluster: Kafka-protocol brokers on loopback ports, owned by one client in
/// this process. Other clients, in this process or others, connect to <see cref="BootstrapServers"/>.
/// Everything is in memory and the cluster stops when this object is disposed. Topics are
/// auto-created on first use.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly IAdminClient _owner;

    private MockKafkaCluster(IAdminClient owner, string bootstrapServers)
    {
        _owner = owner;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated broker addresses, as a client's <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers and returns once their addresses are known.</summary>
    public static MockKafkaCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var config = new AdminClientConfig
        {
            // Any bootstrap value works: the mock cluster answers in place of it.
            BootstrapServers = "127.0.0.1:1",
        };
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var owner = new AdminClientBuilder(config).Build();
        try
        {
            var metadata = owner.GetMetadata(TimeSpan.FromSeconds(10));
            var addresses = metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}").ToList();
            if (addresses.Count != brokers)
            {
                throw new InvalidOperationException($"The mock cluster reported {addresses.Count} of {brokers} brokers.");
            }

            return new MockKafkaCluster(owner, string.Join(',', addresses));
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    /// <summary>Stops the brokers.</summary>
    public void Dispose() => _owner.Dispose();
}
