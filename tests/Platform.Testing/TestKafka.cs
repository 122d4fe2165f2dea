using Confluent.Kafka;
using Confluent.Kafka.Admin;
using NUnit.Framework;
using Platform.Local;
using Testcontainers.Kafka;

namespace Platform.Testing;

/// <summary>
/// The Kafka cluster of this test run, from the source <see cref="TestInfrastructure"/> chose:
/// <see cref="TestSettings.KafkaVariable"/>; else one broker container (<see cref="TestContainers.Kafka"/>);
/// else a 3-broker librdkafka mock cluster owned by this process. Started on first use and shared
/// by every test of the run. Tests that need the mock cluster's fault hooks take one of their own
/// (<see cref="OwnMockCluster"/>).
/// </summary>
public static class TestKafka
{
    /// <summary>Partitions of an auto-created topic on the mock cluster, and of topics tests create on a real one.</summary>
    public const int DefaultPartitions = 4;

    private static readonly Lock Gate = new();
    private static MockKafkaCluster? _mock;
    private static KafkaContainer? _container;
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

    /// <summary>
    /// A mock cluster of the calling test's own, whatever the run's source, for a test that needs
    /// its fault hooks (<paramref name="needs"/>: brokers down, unreachable), which no real cluster
    /// offers. The test disposes it. Skips the test, naming the fix, when librdkafka cannot be loaded.
    /// </summary>
    public static MockKafkaCluster OwnMockCluster(string needs)
    {
        try
        {
            return MockKafkaCluster.Start(brokers: 3);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            Assert.Ignore($"{needs} needs librdkafka's mock cluster: {NativeLibraryMissing(ex)}");
            throw;
        }
    }

    private static void Start()
    {
        switch (TestInfrastructure.Choice.Kafka)
        {
            case InfrastructureSource.Configured:
                _bootstrapServers = TestSettings.Kafka;
                return;
            case InfrastructureSource.Container:
                StartContainer();
                return;
            default:
                StartMock();
                return;
        }
    }

    private static void StartContainer()
    {
        _container = TestContainers.Kafka();
        try
        {
            // Under the gate, as the mock's start is: every test waits for the one broker.
            _container.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            _unavailable = $"The {TestContainers.KafkaImage} container did not start ({ex.GetBaseException().Message}); " +
                           $"set {TestSettings.KafkaVariable} to a cluster's bootstrap servers instead.";
            return;
        }

        _bootstrapServers = _container.GetBootstrapAddress();
        TestContext.Progress.WriteLine($"Test run started a {TestContainers.KafkaImage} container at {_bootstrapServers}");
    }

    private static void StartMock()
    {
        try
        {
            _mock = MockKafkaCluster.Start(brokers: 3);
            _bootstrapServers = _mock.BootstrapServers;
            TestContext.Progress.WriteLine($"Test run started a mock Kafka cluster at {_bootstrapServers}");
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            _unavailable = NativeLibraryMissing(ex);
        }
    }

    private static string NativeLibraryMissing(Exception ex) =>
        $"the native librdkafka (package librdkafka.redist) could not be loaded ({ex.GetBaseException().Message}): " +
        $"restore again, or set {TestSettings.KafkaVariable} to a cluster's bootstrap servers.";

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

    /// <summary>
    /// Reads <paramref name="topic"/> from its start, as a new group, until <paramref name="count"/>
    /// records arrived or a minute passed (a topic created by its first record, such as a
    /// dead-letter topic, is waited for). Returns what it read; the caller asserts the count.
    /// </summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadFromStart(string topic, int count)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = TestNames.Unique("reader"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (records.Count < count && DateTime.UtcNow < deadline)
        {
            try
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record?.Message is not null)
                {
                    records.Add(record);
                }
            }
            catch (ConsumeException ex) when (ex.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                // Created by its first record; keep polling until then.
            }
        }

        consumer.Close();
        return records;
    }

    internal static async Task StopAsync()
    {
        KafkaContainer? container;
        lock (Gate)
        {
            _mock?.Dispose();
            _mock = null;
            container = _container;
            _container = null;
        }

        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
