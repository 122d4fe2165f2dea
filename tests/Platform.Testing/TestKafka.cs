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

    internal static void Stop()
    {
        lock (Gate)
        {
            _mock?.Dispose();
            _mock = null;
        }
    }
}
