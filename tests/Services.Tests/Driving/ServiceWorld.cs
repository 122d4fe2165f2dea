using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts;

namespace Services.Tests.Driving;

/// <summary>
/// One service test's world: the service hosted in-process on its own database (outbox in
/// Retain mode, so tests read the events it raised) with its own order, payment and inventory
/// topics and consumer group, plus a producer writing records the way the relays do (key =
/// aggregate id, headers id/eventType/sequence, protobuf value).
/// </summary>
internal sealed class ServiceWorld : IAsyncDisposable
{
    private readonly ServiceUnderTest _service;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly ConsumerCounters _counters;
    private IHost? _host;
    private long _produced;

    private ServiceWorld(ServiceUnderTest service, TestDatabase database, string orderTopic, string paymentTopic, string inventoryTopic)
    {
        _service = service;
        Database = database;
        OrderTopic = orderTopic;
        PaymentTopic = paymentTopic;
        InventoryTopic = inventoryTopic;
        Group = TestNames.Unique(service.ConsumerName);
        _counters = new ConsumerCounters(Group);
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            EnableIdempotence = true,
        }).Build();
    }

    public TestDatabase Database { get; }

    public string OrderTopic { get; }

    public string PaymentTopic { get; }

    public string InventoryTopic { get; }

    public string Group { get; }

    public ConsumerCounters Counters => _counters;

    /// <summary>Creates the world and starts <paramref name="service"/> with <paramref name="settings"/> on top of the test wiring.</summary>
    public static async Task<ServiceWorld> StartAsync(ServiceUnderTest service, string purpose, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(purpose);
        var world = new ServiceWorld(
            service, database,
            await TestKafka.CreateTopicAsync(purpose + "-orders"),
            await TestKafka.CreateTopicAsync(purpose + "-payments"),
            await TestKafka.CreateTopicAsync(purpose + "-inventory"));
        try
        {
            await world.EnsureTopicsExistAsync();
            await world.StartHostAsync(settings ?? new Dictionary<string, string?>());
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Produces <paramref name="message"/> as the relays would, as the aggregate's event number <paramref name="sequence"/>.</summary>
    public async Task<ProducedEvent> PublishAsync(string topic, string aggregateId, string eventType, IMessage message, long sequence = 1)
    {
        var produced = new ProducedEvent(topic, aggregateId, Guid.CreateVersion7(), eventType, sequence, message);
        await DeliverAsync(produced);
        return produced;
    }

    /// <summary>Produces the same record again (same event id), as a relay does after a crash.</summary>
    public Task DeliverAsync(ProducedEvent produced)
    {
        ArgumentNullException.ThrowIfNull(produced);
        Interlocked.Increment(ref _produced);
        var headers = new Headers
        {
            { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(produced.EventId.ToString()) },
            { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(produced.EventType) },
            { OutboxHeaders.Sequence, Encoding.UTF8.GetBytes(produced.Sequence.ToString(CultureInfo.InvariantCulture)) },
        };
        return _producer.ProduceAsync(produced.Topic, new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(produced.AggregateId),
            Value = produced.Message.ToByteArray(),
            Headers = headers,
            Timestamp = new Timestamp(DateTime.UtcNow),
        });
    }

    /// <summary>Produces an arbitrary record (any bytes, any headers): what a broken or hostile producer could send.</summary>
    public Task ProduceRawAsync(string topic, string key, byte[] value, IReadOnlyDictionary<string, string> headers)
    {
        Interlocked.Increment(ref _produced);
        var kafkaHeaders = new Headers();
        foreach (var (name, text) in headers)
        {
            kafkaHeaders.Add(name, Encoding.UTF8.GetBytes(text));
        }

        return _producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value, Headers = kafkaHeaders });
    }

    /// <summary>The consumer's dead-letter topic, <c>{group}.dlq</c>.</summary>
    public string DeadLetterTopic => Group + ".dlq";

    /// <summary>Waits until the service's consumer handled every record produced so far (applied, duplicate or parked).</summary>
    public Task WaitUntilHandledAsync() =>
        Eventually.WaitAsync(
            () => Task.FromResult(_counters.Handled >= Interlocked.Read(ref _produced)),
            $"{_service.ConsumerName} to handle {Interlocked.Read(ref _produced)} records", TimeSpan.FromSeconds(60));

    /// <summary>The service's outbox rows, by aggregate then sequence.</summary>
    public Task<List<OutboxRow>> OutboxAsync() => QueryAsync(
        "SELECT aggregatetype, aggregateid, type, sequence, payload FROM outbox ORDER BY aggregateid, sequence",
        r => new OutboxRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), (byte[])r[4]));

    /// <summary>Runs <paramref name="sql"/> on the service's database and reads each row with <paramref name="read"/>.</summary>
    public Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read) => TestSql.QueryAsync(Database.ConnectionString, sql, read);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _producer.Dispose();
        _counters.Dispose();
        await Database.DisposeAsync();
    }

    /// <summary>
    /// Makes the three topics exist before the service subscribes: on the mock cluster a topic
    /// exists only once a client asks for it with auto-creation allowed (producer metadata
    /// requests do), and Platform.Messaging's ConsumerHost stops its host when a subscribed
    /// topic does not exist yet (Consume throws UnknownTopicOrPart).
    /// </summary>
    private Task EnsureTopicsExistAsync()
    {
        using var admin = new DependentAdminClientBuilder(_producer.Handle).Build();
        return Eventually.WaitAsync(
            () => Task.FromResult(new[] { OrderTopic, PaymentTopic, InventoryTopic }.All(topic =>
                admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Any(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0))),
            "the test's topics to exist");
    }

    private async Task StartHostAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var consumer = $"Consumers:{_service.ConsumerName}";
        var own = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{_service.ConnectionName}"] = Database.ConnectionString,
            ["Kafka:BootstrapServers"] = TestKafka.BootstrapServers,
            ["Outbox:CleanupMode"] = "Retain",
            [$"{_service.Section}:GroupId"] = Group,
            [$"{_service.Section}:OrderEventsTopic"] = OrderTopic,
            // The mock cluster's group coordinator wants a session timeout of at least 6 s.
            [$"{consumer}:SessionTimeoutMs"] = "6000",
            [$"{consumer}:RetryDelay"] = "00:00:00.010",
        };
        if (_service.ReadsPaymentAndInventoryEvents)
        {
            // Only a service with these settings may be given them: an unknown key is refused.
            own[$"{_service.Section}:PaymentEventsTopic"] = PaymentTopic;
            own[$"{_service.Section}:InventoryEventsTopic"] = InventoryTopic;
        }

        builder.Configuration.AddInMemoryCollection(own);
        builder.Configuration.AddInMemoryCollection(settings);
        _service.Register(builder.Services, builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync();
    }
}
