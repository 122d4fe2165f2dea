using Confluent.Kafka;
using Confluent.Kafka.Admin;
using NUnit.Framework;
using Platform.Local;

namespace Platform.Testing;

/// <summary>
/// The Kafka cluster of this test run: <see cref="TestSettings.KafkaVariable"/> when set,
/// otherwise a 3-broker librdkafka mock cluster started on first use and owned by this process.
/// </summary>
public static class TestKafka
{
    /// <summary>Partitions of an auto-created topic on the mock cluster, and of topics tests create on a real one.</summary>
    public const int DefaultPartitions = 4;

    private static readonly Lock Gate = new();
    private static MockKafkaCluster? _mock;
    private static string? _bootstrapServers;
    private static string? _unavailable;

    /// <summary>True when tests run against the in-process mock cluster.</summary>
    public static bool IsMock => _mock is not null;

    /// <summary>Bootstrap servers; skips the calling test, naming the fix, when no cluster can be had.</summary>
    public static string BootstrapServers
    {
        get
        {
            lock (Gate)
            {
                if (_bootstrapServers is null && _unavailable is null)
                {
                    Start();
                }
            }

            if (_unavailable is not null)
            {
                Assert.Ignore(_unavailable);
            }

            return _bootstrapServers!;
        }
    }

    private static void Start()
    {
        _bootstrapServers = TestSettings.Kafka;
        if (_bootstrapServers is not null)
        {
            return;
        }

        try
        {
            _mock = MockKafkaCluster.Start(brokers: 3);
            _bootstrapServers = _mock.BootstrapServers;
            TestContext.Progress.WriteLine($"Test run started a mock Kafka cluster at {_bootstrapServers}");
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            _unavailable = $"The native librdkafka could not be loaded ({ex.GetBaseException().Message}): run " +
                           $"infra/native/librdkafka.sh and restore again, or set {TestSettings.KafkaVariable} " +
                           "with a client that has it.";
        }
    }

    /// <summary>
    /// A topic of the test's own. On a real cluster it is created with <paramref name="partitions"/>
    /// partitions; the mock cluster creates it with <see cref="DefaultPartitions"/> on first use.
    /// </summary>
    public static async Task<string> CreateTopicAsync(string purpose, int partitions = DefaultPartitions)
    {
        var topic = TestNames.Unique(purpose);
        var servers = BootstrapServers;
        if (IsMock)
        {
            return topic;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = servers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = -1 }]);
        return topic;
    }

    internal static void Stop()
    {
        lock (Gate)
        {
            _mock?.Dispose();
            _mock = null;
        }
    }
}
