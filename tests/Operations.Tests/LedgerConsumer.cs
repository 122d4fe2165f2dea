using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Contracts;
using Platform.Messaging.Consuming;
using Platform.Messaging;
using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;
using Platform.Contracts.Orders.V1;

namespace Operations.Tests;

/// <summary>
/// A test consumer registered with <c>AddEventConsumer</c> like the services' consumers: its own
/// database (inbox + ledger), topic and group. OrderPlaced appends a ledger entry; while
/// <see cref="Poisoned"/> is set, the handler rejects the event (InvalidEventException: parked at once).
/// The same registration serves the live group member (<see cref="StartLiveAsync"/>) and the
/// pipeline a replay delivers into (<see cref="OpenPipeline"/>).
/// </summary>
internal sealed class LedgerConsumer : IAsyncDisposable
{
    public const string Name = "ledger";

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly List<ServiceProvider> _providers = [];
    private IHost? _live;

    private LedgerConsumer(TestDatabase database, string topic)
    {
        Database = database;
        Topic = topic;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
    }

    public TestDatabase Database { get; }

    public string Topic { get; }

    public string Group { get; } = TestNames.Unique("ledger");

    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>While true, the handler rejects every event as invalid (it is parked, not applied).</summary>
    public bool Poisoned { get; set; }

    public static async Task<LedgerConsumer> CreateAsync(string purpose)
    {
        var database = await TestDatabase.CreateAsync(purpose);
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(database.ConnectionString, [.. InboxMigrations.All, LedgerContext.CreateLedger], CancellationToken.None);
        await using (var connection = await database.OpenAsync())
        {
            await InboxPartitions.MaintainAsync(connection, DateTime.UtcNow, TimeSpan.FromDays(30), 3, CancellationToken.None);
        }

        return new LedgerConsumer(database, await TestKafka.CreateTopicAsync(purpose));
    }

    /// <summary>The pipeline of the consumer, from a container that is built but never started.</summary>
    public IEventPipeline OpenPipeline()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Register(services);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IEventPipeline>(Name);
    }

    /// <summary>Starts the live group member and waits until it committed every record produced so far.</summary>
    public async Task StartLiveAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        Register(builder.Services);
        _live = builder.Build();
        await _live.StartAsync();
    }

    public async Task StopLiveAsync()
    {
        if (_live is not null)
        {
            await _live.StopAsync();
            _live.Dispose();
            _live = null;
        }
    }

    /// <summary>Produces <paramref name="count"/> OrderPlaced records (keys order-0..order-4) as the relays do; returns their event ids.</summary>
    public async Task<List<Guid>> ProduceAsync(int count, DateTimeOffset? timestamp = null)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7();
            var orderId = $"order-{i % 5}";
            await _producer.ProduceAsync(Topic, new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes(orderId),
                Value = new OrderPlaced { OrderId = orderId, CustomerId = "c-1", Currency = "EUR" }.ToByteArray(),
                Headers = new Headers
                {
                    { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(id.ToString()) },
                    { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(OrderEventTypes.OrderPlaced) },
                    { OutboxHeaders.Sequence, Encoding.UTF8.GetBytes((i / 5 + 1).ToString(CultureInfo.InvariantCulture)) },
                },
                Timestamp = new Timestamp(timestamp ?? DateTimeOffset.UtcNow),
            });
            ids.Add(id);
        }

        return ids;
    }

    public Task<List<LedgerEntry>> LedgerAsync() => TestSql.QueryAsync(
        Database.ConnectionString, "SELECT event_id, topic, partition, \"offset\" FROM ledger_entries ORDER BY position",
        r => new LedgerEntry { EventId = r.GetGuid(0), Topic = r.GetString(1), Partition = r.GetInt32(2), Offset = r.GetInt64(3) });

    /// <summary>Inbox rows of this consumer (one per event it remembers).</summary>
    public async Task<long> InboxRowsAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM inbox WHERE consumer = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Group });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await StopLiveAsync();
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _producer.Dispose();
        await Database.DisposeAsync();
    }

    private void Register(IServiceCollection services)
    {
        services.AddDbContext<LedgerContext>(o => o.UseNpgsql(Database.ConnectionString));
        services.Configure<InboxOptions>(o => o.Retention = InboxRetention);
        services.AddEventConsumer<LedgerContext>(
            Name,
            o =>
            {
                o.BootstrapServers = TestKafka.BootstrapServers;
                o.GroupId = Group;
                o.Topics.Add(Topic);
                o.MaxAttempts = 2;
                o.RetryDelay = TimeSpan.FromMilliseconds(10);
                o.SessionTimeoutMs = 6000;
            },
            handlers => handlers.On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, (db, _, consumed, _) =>
            {
                if (Poisoned)
                {
                    throw new InvalidEventException("ledger is poisoned");
                }

                db.Entries.Add(new LedgerEntry { EventId = consumed.EventId, Topic = consumed.Topic, Partition = consumed.Partition, Offset = consumed.Offset });
                return Task.CompletedTask;
            }));
    }
}
