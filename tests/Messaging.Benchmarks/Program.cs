using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Messaging.Benchmarks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Orders.V1;
using Platform.Local;
using Platform.Messaging;
using Platform.Messaging.Consuming;
using Platform.Messaging.Inbox;
using Platform.Persistence.Migrations;
using Spectre.Console;

// Consumer throughput with inbox dedup: one consumer group member applies events (one
// transaction per record: inbox row + state change + commit), then receives the very same
// records again (every one a duplicate for the inbox). PostgreSQL runs with fsync on; Kafka is
// librdkafka's mock cluster. Usage: dotnet run -c Release --project tests/Messaging.Benchmarks [events=30000] [MaxBatchSize=1]
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30_000;
var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
const int Aggregates = 1_000;
const string Topic = "bench.events";

await using var postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(), CancellationToken.None);
using var kafka = MockKafkaCluster.Start(brokers: 3);
var connectionString = await CreateDatabaseAsync(postgres.ConnectionString);

var records = Enumerable.Range(0, events).Select(i => Record(i)).ToList();
var processed = new Progress();
var duplicates = new Progress();
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, l) =>
{
    if (instrument.Meter.Name == ConsumerMetrics.MeterName && instrument.Name is "consumer.events.processed" or "consumer.events.duplicates")
    {
        l.EnableMeasurementEvents(instrument);
    }
};
listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
    (instrument.Name == "consumer.events.processed" ? processed : duplicates).Add(value));
listener.Start();

using var host = BuildHost();
await host.StartAsync();
await ProduceAsync("first delivery", processed);
await ProduceAsync("same records again", duplicates);
await host.StopAsync();

var table = new Table().AddColumns("figure", "value", "target", "ratio");
table.AddRow("events applied/s (inbox row + read-modify-write effect)", $"{processed.Rate:N0}", "3,000", $"{processed.Rate / 3000:P0}");
table.AddRow("redelivered duplicates skipped/s", $"{duplicates.Rate:N0}", "-", "-");
AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"MaxBatchSize {batch}; {events:N0} events over {Aggregates:N0} aggregates, 4 partitions; {Environment.ProcessorCount} cores; .NET {Environment.Version}; PostgreSQL fsync on; mock Kafka");
return;

async Task ProduceAsync(string phase, Progress progress)
{
    using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
    {
        BootstrapServers = kafka.BootstrapServers,
        EnableIdempotence = true,
        Partitioner = Partitioner.Murmur2Random,
        LingerMs = 5,
    }).Build())
    {
        foreach (var record in records)
        {
            producer.Produce(Topic, record);
        }

        producer.Flush();
    }

    await AnsiConsole.Progress().StartAsync(async ctx =>
    {
        var task = ctx.AddTask(phase, maxValue: events);
        while (progress.Count < events)
        {
            task.Value = progress.Count;
            await Task.Delay(100);
        }

        task.Value = events;
    });
}

IHost BuildHost()
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders();
    builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddDbContextPool<TallyContext>(o => o.UseNpgsql(connectionString));
    builder.Services.AddEventConsumer<TallyContext>("bench", o =>
    {
        o.BootstrapServers = kafka.BootstrapServers;
        o.GroupId = "bench";
        o.MaxBatchSize = batch;
        o.Topics.Add(Topic);
    }, handlers => handlers.On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, async (db, placed, _, ct) =>
    {
        var tally = await db.Tallies.FindAsync([placed.OrderId], ct);
        if (tally is null)
        {
            db.Tallies.Add(new Tally { Aggregate = placed.OrderId, Events = 1 });
        }
        else
        {
            tally.Events++;
        }
    }));
    return builder.Build();
}

static Message<byte[], byte[]> Record(int i)
{
    var aggregate = "order-" + (i % Aggregates).ToString(CultureInfo.InvariantCulture);
    return new Message<byte[], byte[]>
    {
        Key = Encoding.UTF8.GetBytes(aggregate),
        Value = new OrderPlaced { OrderId = aggregate, CustomerId = "c", Currency = "EUR" }.ToByteArray(),
        Headers = new Headers
        {
            { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
            { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(OrderEventTypes.OrderPlaced) },
            { OutboxHeaders.Sequence, Encoding.UTF8.GetBytes(((i / Aggregates) + 1).ToString(CultureInfo.InvariantCulture)) },
        },
        Timestamp = new Timestamp(DateTime.UtcNow),
    };
}

static async Task<string> CreateDatabaseAsync(string admin)
{
    await using (var connection = new NpgsqlConnection(admin))
    {
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE bench", connection);
        await create.ExecuteNonQueryAsync();
    }

    var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = "bench", MaxAutoPrepare = 20, NoResetOnClose = true }.ConnectionString;
    await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString,
        [.. InboxMigrations.All, new Migration("tally-0001", "CREATE TABLE tally (aggregate text PRIMARY KEY, events bigint NOT NULL)")], CancellationToken.None);
    await using var db = new NpgsqlConnection(connectionString);
    await db.OpenAsync();
    await InboxPartitions.MaintainAsync(db, DateTime.UtcNow, TimeSpan.FromDays(30), 3, CancellationToken.None);
    return connectionString;
}

/// <summary>Counts measurements and times the span from the first to the last one.</summary>
internal sealed class Progress
{
    private readonly Lock _gate = new();
    private long _count;
    private long _first;
    private long _last;

    public long Count => Interlocked.Read(ref _count);

    public double Rate
    {
        get
        {
            lock (_gate)
            {
                return _count / Math.Max(Stopwatch.GetElapsedTime(_first, _last).TotalSeconds, 1e-9);
            }
        }
    }

    public void Add(long value)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (_count == 0)
            {
                _first = now;
            }

            _last = now;
            _count += value;
        }
    }
}
