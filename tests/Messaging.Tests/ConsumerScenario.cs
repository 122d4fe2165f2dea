using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Messaging.Consuming;
using Platform.Messaging;
using Platform.Contracts.Orders.V1;

namespace Messaging.Tests;

/// <summary>
/// One consumer test's world: its own database (inbox + ledger), its own topic, group and
/// dead-letter topic, a host running the consumer, and a producer writing outbox-shaped records.
/// </summary>
internal sealed class ConsumerScenario : IAsyncDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private IHost? _host;

    private ConsumerScenario(TestDatabase database, string topic, string group)
    {
        Database = database;
        Topic = topic;
        Group = group;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
    }

    public TestDatabase Database { get; }

    public string Topic { get; }

    public string Group { get; }

    public string DeadLetterTopic => DeadLetterHeaders.TopicFor(Group);

    /// <summary>Called for every OrderPlaced before the ledger entry is added; throw to simulate failures.</summary>
    public Action<ConsumedEvent> BeforeApply { get; set; } = _ => { };

    /// <summary>Runs after <see cref="BeforeApply"/> with the attempt's cancellation token (cancelled when the partition's worker stops).</summary>
    public Func<ConsumedEvent, CancellationToken, Task> BeforeApplyAsync { get; set; } = (_, _) => Task.CompletedTask;

    public int MaxAttempts { get; set; } = 3;

    public int MaxBatchSize { get; set; } = 1;

    /// <summary>The consumer's MaxConcurrentTransactions; null keeps its default.</summary>
    public int? MaxConcurrentTransactions { get; set; }

    public static async Task<ConsumerScenario> CreateAsync(string purpose)
    {
        var database = await LedgerContext.CreateDatabaseAsync(purpose);

        var topic = await TestKafka.CreateTopicAsync(purpose);
        return new ConsumerScenario(database, topic, TestNames.Unique("group"));
    }

    /// <summary>Extra librdkafka properties for the consumer's clients (<c>Kafka:Properties</c>).</summary>
    public Dictionary<string, string> KafkaProperties { get; } = [];

    /// <summary>Every log line the host writes (message and exception), at Debug and above.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    public async Task StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug).AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
        builder.Logging.AddProvider(new CapturingLoggerProvider(Logs));
        builder.Services.AddDbContext<LedgerContext>(o => o.UseNpgsql(Database.ConnectionString));
        builder.Services.AddEventConsumer<LedgerContext>(
            "ledger",
            o =>
            {
                o.BootstrapServers = TestKafka.BootstrapServers;
                o.GroupId = Group;
                o.Topics.Add(Topic);
                o.MaxAttempts = MaxAttempts;
                o.MaxBatchSize = MaxBatchSize;
                o.MaxConcurrentTransactions = MaxConcurrentTransactions ?? o.MaxConcurrentTransactions;
                o.RetryDelay = TimeSpan.FromMilliseconds(10);
                o.SessionTimeoutMs = 6000;
                foreach (var (key, value) in KafkaProperties)
                {
                    o.KafkaProperties[key] = value;
                }
            },
            handlers => handlers.On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, async (db, placed, consumed, token) =>
            {
                BeforeApply(consumed);
                await BeforeApplyAsync(consumed, token);
                db.Entries.Add(new LedgerEntry { Aggregate = placed.OrderId, EventId = consumed.EventId, Sequence = consumed.Sequence ?? 0 });
            }));
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
            _host = null;
        }
    }

    /// <summary>Produces an OrderPlaced record the way the relays do.</summary>
    public Task ProduceOrderPlacedAsync(string orderId, Guid eventId, long sequence) =>
        ProduceAsync(orderId, new OrderPlaced { OrderId = orderId, CustomerId = "c-1", Currency = "EUR" }.ToByteArray(), new Dictionary<string, string>
        {
            [OutboxHeaders.EventId] = eventId.ToString(),
            [OutboxHeaders.EventType] = OrderEventTypes.OrderPlaced,
            [OutboxHeaders.Sequence] = sequence.ToString(CultureInfo.InvariantCulture),
        });

    public async Task ProduceAsync(string key, byte[]? value, IReadOnlyDictionary<string, string> headers)
    {
        var kafkaHeaders = new Headers();
        foreach (var (name, text) in headers)
        {
            kafkaHeaders.Add(name, Encoding.UTF8.GetBytes(text));
        }

        await _producer.ProduceAsync(Topic, new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(key),
            Value = value,
            Headers = kafkaHeaders,
            Timestamp = new Timestamp(DateTime.UtcNow),
        });
    }

    public async Task<List<LedgerEntry>> LedgerAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT aggregate, event_id, sequence FROM ledger_entries ORDER BY position", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new LedgerEntry { Aggregate = reader.GetString(0), EventId = reader.GetGuid(1), Sequence = reader.GetInt64(2) });
        }

        return entries;
    }

    public Task WaitForLedgerAsync(int count, string what) =>
        Eventually.WaitAsync(async () => (await LedgerAsync()).Count >= count, what, TimeSpan.FromSeconds(60));

    /// <summary>Reads the dead-letter topic from the start until <paramref name="count"/> records arrived.</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> ReadDeadLetters(int count) => TestKafka.ReadFromStart(DeadLetterTopic, count);

    /// <summary>True when the group's committed offset equals the end of every partition that has records.</summary>
    public bool CommittedToEnd() => KafkaGroups.CommittedToEnd(TestKafka.BootstrapServers, Group, [Topic]);

    /// <summary>Joins the (stopped) group as its only member and commits offset 0 for every partition of the topic.</summary>
    public void RewindCommittedOffsets()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            GroupId = Group,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
        }).Build();
        consumer.Subscribe(Topic);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (consumer.Assignment.Count < TestKafka.DefaultPartitions)
        {
            // Polling drives the group join; nothing is returned since the committed offsets are at the end.
            consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("joining the group to rewind its offsets");
            }
        }

        consumer.Commit(Enumerable.Range(0, TestKafka.DefaultPartitions).Select(p => new TopicPartitionOffset(Topic, p, 0)));
        consumer.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _producer.Dispose();
        await Database.DisposeAsync();
    }
}
