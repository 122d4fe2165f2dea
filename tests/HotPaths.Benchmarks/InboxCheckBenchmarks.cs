using Bench.Reporting;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Contracts;
using Platform.Local;
using Platform.Messaging.Consuming;
using Platform.Messaging;
using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;
using Platform.Contracts.Orders.V1;

namespace HotPaths.Benchmarks;

/// <summary>
/// The consumer's inbox check through its real pipeline (<see cref="IEventPipeline.DeliverAsync"/>,
/// as replay and redrive use it) against a local PostgreSQL with fsync on: a redelivered event
/// (transaction, inbox insert that inserts nothing, rollback) and a new event with a handler that
/// does nothing (inbox insert and a durable commit). No Kafka: records are handed in directly.
/// </summary>
[MemoryDiagnoser]
public class InboxCheckBenchmarks
{
    private const string Consumer = "hotpaths";
    private LocalPostgresCluster _postgres = null!;
    private ServiceProvider _services = null!;
    private IEventPipeline _pipeline = null!;
    private ConsumeResult<byte[]?, byte[]?> _seen = null!;
    private long _offset;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _postgres.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public Task<RecordOutcome> InboxCheckOfDuplicate() => _pipeline.DeliverAsync(_seen, force: false, CancellationToken.None);

    [Benchmark]
    public Task<RecordOutcome> InboxInsertAndCommitOfNewEvent() => _pipeline.DeliverAsync(Record(Interlocked.Increment(ref _offset)), force: false, CancellationToken.None);

    private async Task SetupAsync()
    {
        _postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(), CancellationToken.None);
        var connectionString = await BenchDatabase.CreateAsync(_postgres.ConnectionString, "hotpaths");
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString, InboxMigrations.All, CancellationToken.None);
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync();
            await InboxPartitions.MaintainAsync(db, DateTime.UtcNow, TimeSpan.FromDays(30), 3, CancellationToken.None);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<InboxOptions>();
        services.AddDbContextPool<InboxOnlyContext>(o => o.UseNpgsql(connectionString));
        services.AddEventConsumer<InboxOnlyContext>(Consumer, o =>
        {
            // Never contacted: only a dead-lettered record would use the producer.
            o.BootstrapServers = "127.0.0.1:9";
            o.GroupId = Consumer;
            o.Topics.Add(Topics.OrderEvents);
        }, handlers => handlers.On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, (_, _, _, _) => Task.CompletedTask));
        _services = services.BuildServiceProvider();
        _pipeline = _services.GetRequiredKeyedService<IEventPipeline>(Consumer);
        _seen = Record(0);
        var first = await _pipeline.DeliverAsync(_seen, force: false, CancellationToken.None);
        if (first != RecordOutcome.Processed)
        {
            throw new InvalidOperationException($"The first delivery was {first}, not Processed.");
        }
    }

    /// <summary>An OrderPlaced record as the relay writes it, with a new event id.</summary>
    private static ConsumeResult<byte[]?, byte[]?> Record(long offset) => new()
    {
        Topic = Topics.OrderEvents,
        Partition = new Partition(0),
        Offset = new Offset(offset),
        // The consumer reads nullable keys and values; these are set.
        Message = OutboxShapedRecord.Create("order-1", OrderEventTypes.OrderPlaced, new OrderPlaced { OrderId = "order-1", CustomerId = "c", Currency = "EUR" }, offset + 1)!,
    };
}
