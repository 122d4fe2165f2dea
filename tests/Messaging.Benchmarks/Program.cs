using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime;
using Bench.Reporting;
using Confluent.Kafka;
using Messaging.Benchmarks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Local;
using Platform.Messaging.Consuming;
using Spectre.Console;

// Consumer throughput with inbox dedup: one consumer group member applies events (inbox row +
// the handler's effect + commit, per record or per batch), then receives the very same records
// again (every one a duplicate for the inbox: that second phase measures the inbox check alone).
// Both are measured after a warm-up (rounds of a fifth of the events, at least 1,000, until the
// JIT has settled) and an ANALYZE.
// PostgreSQL runs with fsync on; Kafka is librdkafka's mock cluster, in this process.
// Usage: dotnet run -c Release --project tests/Messaging.Benchmarks [events=30000] [MaxBatchSize]
//        [--service tally|payments|inventory|notifications|orders-saga|all] [--report FILE]
// Without MaxBatchSize each service runs with its own default (tally: 1).
const int MaxWarmUpRounds = 10;
const int SettledJitMethods = 100;
var report = BenchReport.TakeOption(ref args);
var service = "tally";
var named = Array.IndexOf(args, "--service");
if (named >= 0)
{
    service = args[named + 1];
    args = [.. args[..named], .. args[(named + 2)..]];
}

var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30_000;
int? batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : null;
var subjects = service == "all" ? ConsumerSubjects.Services.Select(ConsumerSubjects.Get).ToList() : [ConsumerSubjects.Get(service)];

await using var postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(), CancellationToken.None);
var table = new Table().AddColumns("consumer", "MaxBatchSize", "events applied/s", "target", "ratio", "duplicates skipped/s");
var records = new List<BenchRecord>();
foreach (var subject in subjects)
{
    using var kafka = MockKafkaCluster.Start(brokers: 3);
    var (applied, duplicates, maxBatchSize, outcome) = await MeasureAsync(subject, postgres.ConnectionString, kafka.BootstrapServers);
    var batchText = maxBatchSize.ToString(CultureInfo.InvariantCulture) + (batch is null && subject.Name != "tally" ? ", its default" : "");
    var note = $"{events:N0} events; {subject.Handler}{outcome}";
    // The target is per service; the synthetic tally handler is reported beside them, without one.
    records.Add(subject.Name == "tally"
        ? BenchRecord.Info("consumers", $"consumer {subject.Name} (MaxBatchSize {batchText}): events applied", applied, "events/s", note)
        : BenchRecord.AtLeast("consumers", $"consumer {subject.Name} (MaxBatchSize {batchText}): events applied", applied, "events/s", 3_000, note));
    records.Add(BenchRecord.Info("consumers", $"consumer {subject.Name} (MaxBatchSize {batchText}): redelivered duplicates skipped (inbox check)", duplicates, "events/s", note));
    table.AddRow(subject.Name, batchText, $"{applied:N0}", "3,000", $"{applied / 3000:P0}", $"{duplicates:N0}");
}

AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"{events:N0} events per consumer, 4 partitions; {Environment.ProcessorCount} cores; .NET {Environment.Version}; PostgreSQL fsync on; mock Kafka");
BenchReport.Append(report, records);
return;

async Task<(double Applied, double Duplicates, int MaxBatchSize, string Outcome)> MeasureAsync(ConsumerSubject subject, string admin, string bootstrap)
{
    var processed = new EventRate();
    var duplicates = new EventRate();
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

    using var host = await subject.CreateHostAsync(admin, bootstrap, batch);
    var maxBatchSize = host.Services.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(subject.ConsumerName).MaxBatchSize;
    await host.StartAsync();

    // Warm-up, not measured: JIT, connection pools, and tables that have grown from empty and
    // been analyzed, as autovacuum does within a minute in any running system (a table planned
    // as if still empty is seq-scanned by every batch). Rounds of a fifth of the events (at
    // least 1,000) go on until the JIT has settled: on two cores, the runtime's background
    // re-compilation of the hot paths (tiering, with profile-guided optimisation) otherwise
    // takes a third of the CPU during the measurement of a young process.
    var outcome = "";
    for (var round = 1; round <= MaxWarmUpRounds && outcome.Length == 0; round++)
    {
        var compiled = JitInfo.GetCompiledMethodCount();
        var warmUp = await subject.PrepareAsync(host, Math.Max(1_000, events / 5));
        processed = new EventRate();
        if (!await ProduceAndWaitAsync(warmUp, processed))
        {
            outcome = $"; warm-up timed out after {processed.Count:N0} applied";
        }

        compiled = JitInfo.GetCompiledMethodCount() - compiled;
        AnsiConsole.MarkupLine($"[bold]{subject.Name}[/]: warm-up round {round}, {warmUp.Count:N0} events, {compiled:N0} methods compiled meanwhile");
        if (compiled < SettledJitMethods)
        {
            break;
        }
    }

    await using (var database = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = subject.Database }.ConnectionString))
    {
        await database.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", database);
        await analyze.ExecuteNonQueryAsync();
    }

    processed = new EventRate();
    var topicRecords = await subject.PrepareAsync(host, events);
    AnsiConsole.MarkupLine($"[bold]{subject.Name}[/]: {topicRecords.Count:N0} events, first delivery...");
    if (outcome.Length == 0 && !await ProduceAndWaitAsync(topicRecords, processed))
    {
        outcome = $"; timed out after {processed.Count:N0} applied";
    }

    if (outcome.Length == 0)
    {
        AnsiConsole.MarkupLine($"[bold]{subject.Name}[/]: the same records again...");
        if (!await ProduceAndWaitAsync(topicRecords, duplicates))
        {
            outcome = $"; duplicates timed out after {duplicates.Count:N0}";
        }
    }

    await host.StopAsync();
    return (processed.Rate, duplicates.Rate, maxBatchSize, outcome);

    async Task<bool> ProduceAndWaitAsync(IReadOnlyList<TopicRecord> batchRecords, EventRate progress)
    {
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 5,
        }).Build())
        {
            foreach (var record in batchRecords)
            {
                producer.Produce(record.Topic, record.Message);
            }

            producer.Flush();
        }

        // A slow machine reports what it managed; it does not hang the suite.
        var timeout = Stopwatch.StartNew();
        while (progress.Count < batchRecords.Count)
        {
            if (timeout.Elapsed > TimeSpan.FromSeconds(60 + (batchRecords.Count / 100)))
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
