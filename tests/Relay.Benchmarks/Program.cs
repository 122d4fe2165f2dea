using System.Diagnostics;
using System.Globalization;
using Bench.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Local;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;
using Platform.Relay;
using Relay.Benchmarks;
using Spectre.Console;

// dotnet run -c Release --project tests/Relay.Benchmarks -- [backlog=500000] [rate=2000] [seconds=20] [--report FILE]
// Figures are reported (and appended to --report FILE), never asserted.
var report = BenchReport.TakeOption(ref args);
var backlog = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500_000;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var cancel = CancellationToken.None;

await using var postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Fast = false }, cancel);
using var kafka = MockKafkaCluster.Start(brokers: 3);
using var probe = new RelayProbe();
AnsiConsole.MarkupLine($"[bold]Relay benchmark[/]: {postgres} (fsync on), mock Kafka {kafka.BootstrapServers}; backlog {backlog:N0}, steady {rate:N0} events/s for {seconds} s");

var results = new Dictionary<string, (double CatchUp, LatencySummary Latency, LatencySummary? Read, long Rss)>();
foreach (var mode in new[] { "Cdc", "Polling" })
{
    var connectionString = await CreateDatabaseAsync(postgres.ConnectionString, "bench_" + mode.ToLowerInvariant());
    // Both modes as shipped: polling at its default batch size and interval (RelayOptions).
    var settings = new Dictionary<string, string?>
    {
        ["Relay:ConnectionString"] = connectionString,
        ["Relay:BootstrapServers"] = kafka.BootstrapServers,
        ["Relay:Mode"] = mode,
        ["Relay:SlotName"] = "bench_" + mode.ToLowerInvariant(),
        ["Relay:PublicationName"] = "bench",
    };
    if (mode == "Cdc")
    {
        // Creates the slot, so the backlog written next is retained for the relay.
        using var first = BuildHost(settings);
        await first.StartAsync(cancel);
        await WaitAsync(() => first.Services.GetRequiredService<RelayStatus>().Streaming, TimeSpan.FromSeconds(30));
        await first.StopAsync(cancel);
    }

    AnsiConsole.MarkupLine($"{mode}: writing a backlog of {backlog:N0} events...");
    await Workload.InsertBacklogAsync(connectionString, backlog, cancel);
    GC.Collect();
    using var host = BuildHost(settings);
    probe.Reset(recordLatency: false);
    var clock = Stopwatch.StartNew();
    await host.StartAsync(cancel);
    long peakRss = 0;
    await WaitAsync(() =>
    {
        peakRss = Math.Max(peakRss, Process.GetCurrentProcess().WorkingSet64);
        return probe.Relayed >= backlog;
    }, TimeSpan.FromMinutes(10));
    var catchUp = backlog / clock.Elapsed.TotalSeconds;
    AnsiConsole.MarkupLine($"{mode}: drained in {clock.Elapsed.TotalSeconds:0.0} s; steady load...");

    probe.Reset(recordLatency: true);
    var written = await Workload.SteadyAsync(connectionString, rate, TimeSpan.FromSeconds(seconds), writers: 4, perTransaction: 10, cancel);
    await WaitAsync(() =>
    {
        peakRss = Math.Max(peakRss, Process.GetCurrentProcess().WorkingSet64);
        return probe.Relayed >= written;
    }, TimeSpan.FromMinutes(2));
    results[mode] = (catchUp, probe.Latency(), probe.ReadLatency(), peakRss);
    await host.StopAsync(cancel);
}

var (cdc, polling) = (results["Cdc"], results["Polling"]);
var table = new Table().AddColumn("figure").AddColumn("target").AddColumn("CDC").AddColumn("Polling");
table.AddRow("catch-up, " + backlog.ToString("N0", CultureInfo.InvariantCulture) + " backlog (events/s)", ">= 40,000", $"{cdc.CatchUp:N0}", $"{polling.CatchUp:N0}");
table.AddRow($"commit-to-ack p50 at {rate:N0}/s (ms)", "<= 10", $"{cdc.Latency.P50:0.0}", $"{polling.Latency.P50:0.0}");
table.AddRow($"commit-to-ack p95 at {rate:N0}/s (ms)", "-", $"{cdc.Latency.P95:0.0}", $"{polling.Latency.P95:0.0}");
table.AddRow($"commit-to-ack p99 at {rate:N0}/s (ms)", "<= 50", $"{cdc.Latency.P99:0.0}", $"{polling.Latency.P99:0.0}");
table.AddRow($"CDC commit-to-read p50 / p99 at {rate:N0}/s (ms)**", "-", $"{cdc.Read?.P50:0.0} / {cdc.Read?.P99:0.0}", "");
table.AddRow("polling p99 / CDC p99", ">= 10", $"{polling.Latency.P99 / cdc.Latency.P99:0.0}", "");
table.AddRow("peak RSS of this process (MB)*", "<= 200", $"{cdc.Rss / 1_048_576:N0}", $"{polling.Rss / 1_048_576:N0}");
AnsiConsole.Write(table);
const string RssNote = "the relay runs in the benchmark process, with the mock Kafka cluster (every record in memory) and the load generator: an upper bound";
AnsiConsole.MarkupLine("* " + RssNote + " for the relay.");
AnsiConsole.MarkupLine("** from the commit time PostgreSQL records to the relay reading the commit from the slot: the database's share of commit-to-ack.");
var steady = $"{rate:N0} events/s for {seconds} s";
var records = new List<BenchRecord>();
foreach (var (mode, result) in results)
{
    var name = mode == "Cdc" ? "CDC" : "polling";
    records.Add(BenchRecord.AtLeast("relay", $"relay {name} catch-up, {backlog:N0} backlog", result.CatchUp, "events/s", 40_000));
    records.Add(BenchRecord.AtMost("relay", $"relay {name} commit-to-ack p50", result.Latency.P50, "ms", 10, steady));
    records.Add(BenchRecord.Info("relay", $"relay {name} commit-to-ack p95", result.Latency.P95, "ms", steady));
    records.Add(BenchRecord.AtMost("relay", $"relay {name} commit-to-ack p99", result.Latency.P99, "ms", 50, steady));
    records.Add(BenchRecord.AtMost("relay", $"relay {name} peak RSS", result.Rss / 1_048_576.0, "MB", 200, RssNote));
}

if (cdc.Read is { } read)
{
    records.Add(BenchRecord.Info("relay", "relay CDC commit-to-read p99 (PostgreSQL's share)", read.P99, "ms", steady));
}

records.Add(BenchRecord.AtLeast("relay", "relay polling p99 / CDC p99 (CDC 10x lower)", polling.Latency.P99 / cdc.Latency.P99, "x", 10, steady));
BenchReport.Append(report, records);
return 0;

static IHost BuildHost(Dictionary<string, string?> settings)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddOutboxRelay(builder.Configuration);
    return builder.Build();
}

static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
{
    var clock = Stopwatch.StartNew();
    while (!condition())
    {
        if (clock.Elapsed > timeout)
        {
            throw new TimeoutException("The relay did not get there in " + timeout);
        }

        await Task.Delay(5);
    }
}

static async Task<string> CreateDatabaseAsync(string admin, string name)
{
    var connectionString = await BenchDatabase.CreateAsync(admin, name);
    await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString, OutboxMigrations.All, CancellationToken.None);
    await OutboxCleanup.ApplyAsync(connectionString, OutboxCleanupMode.Retain, CancellationToken.None);
    return connectionString;
}
