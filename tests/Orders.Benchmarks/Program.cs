using System.Globalization;
using Bench.Reporting;
using Orders.Benchmarks;
using Platform.Local;
using Spectre.Console;

// Sustained POST /orders versus pgbench's single-statement order+outbox insert, on one
// local PostgreSQL cluster with fsync on, for each client count (closed loop, the two taking
// turns for --rounds rounds, medians compared); then the API alone at a fixed arrival rate
// (open loop). Target: API >= 60% of pgbench. Figures are
// reported (and appended to --report FILE), never asserted: the exit code is 0 either way.
var report = BenchReport.TakeOption(ref args);
var settings = BenchmarkSettings.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

AnsiConsole.MarkupLine("[bold]Orders API throughput vs pgbench[/] (fsync on, durable commits)");
// The closed loops' load generator: wrk when installed (native, as pgbench is), else an
// HttpClient in this process, which then shares the two cores' CPU with the API it measures.
var wrk = settings.Generator == "dotnet" ? null : Wrk.Find();
if (settings.Generator == "wrk" && wrk is null)
{
    throw new ArgumentException("--generator wrk: wrk is not installed (apt-get install wrk).");
}

AnsiConsole.MarkupLine(wrk is null
    ? "Load generator: HttpClient in the API's process (install wrk for a native one, as pgbench is)."
    : $"Load generator: {Markup.Escape(wrk)} (native, as pgbench is); process CPU is the API's alone.");
await using var postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Fast = false }, cancel.Token);
AnsiConsole.MarkupLine(Markup.Escape(postgres.ToString()));
var table = new Table()
    .AddColumn("load").AddColumn(new TableColumn("pgbench tx/s").RightAligned()).AddColumn(new TableColumn("API orders/s").RightAligned())
    .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("API p50 ms").RightAligned())
    .AddColumn(new TableColumn("API p95 ms").RightAligned()).AddColumn(new TableColumn("API p99 ms").RightAligned())
    .AddColumn(new TableColumn("API errors").RightAligned()).AddColumn(new TableColumn("process CPU ms/order").RightAligned());
var records = new List<BenchRecord>();
var server = ServerCpu.Find(postgres.Port);
foreach (var clients in settings.Clients)
{
    // pgbench and the API take turns, round after round, and each side's median round is
    // compared: the throughput of this machine drifts by a fifth and more within a minute
    // (other tenants, the disk's flushes), and one round of each, minutes apart, compared the
    // drift as much as the two.
    await BenchmarkDatabase.CreateAsync(postgres.ConnectionString, $"bench_pgbench_{clients}", cancel.Token);
    var apiDb = await BenchmarkDatabase.CreateAsync(postgres.ConnectionString, $"bench_api_{clients}", cancel.Token);
    var pgbenchRounds = new List<double>();
    var apiRounds = new List<ApiLoadResult>();
    await using (var load = await ApiLoad.StartAsync(apiDb, clients, wrk, cancel.Token))
    {
        AnsiConsole.MarkupLine($"API warm-up, {clients} clients...");
        await load.WarmUpAsync(clients, cancel.Token);
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // PostgreSQL's CPU per transaction on each side: where the API's orders cost the
            // database more than pgbench's, no speed of the API's own code closes the gap.
            var serverBefore = server?.Read() ?? default;
            var tps = await Pgbench.RunAsync(postgres.Port, $"bench_pgbench_{clients}", clients, settings.Seconds, cancel.Token);
            var serverBetween = server?.Read() ?? default;
            var api = await load.MeasureClosedLoopAsync(clients, TimeSpan.FromSeconds(settings.Seconds), cancel.Token);
            var serverAfter = server?.Read() ?? default;
            pgbenchRounds.Add(tps);
            apiRounds.Add(api);
            var serverCpu = server is null
                ? ""
                : string.Create(CultureInfo.InvariantCulture,
                    $"; PostgreSQL CPU per transaction: pgbench {(serverBetween - serverBefore).TotalMilliseconds / (tps * settings.Seconds):0.000} ms, API {(serverAfter - serverBetween).TotalMilliseconds / (api.OrdersPerSecond * settings.Seconds):0.000} ms");
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}/{settings.Rounds}, {clients} clients, {settings.Seconds} s each: pgbench {tps:N0} tx/s, API {api.OrdersPerSecond:N0} orders/s ({api.OrdersPerSecond / tps:P0}){serverCpu}"));
        }
    }

    var baseline = pgbenchRounds.Order().ElementAt(pgbenchRounds.Count / 2);
    var median = apiRounds.OrderBy(r => r.OrdersPerSecond).ElementAt(apiRounds.Count / 2);
    var figure = $"POST /orders, {clients} clients (closed loop)";
    var rounds = $"median of {settings.Rounds} alternated {settings.Seconds} s rounds";
    records.Add(BenchRecord.Info("baseline", $"pgbench order + outbox row in one statement, {clients} clients", baseline, "tx/s", rounds));
    records.Add(BenchRecord.AgainstBaseline("api", figure, median.OrdersPerSecond, "orders/s", baseline, $"pgbench {clients} clients", 0.6,
        $"{rounds}; {apiRounds.Sum(r => r.Errors)} errors; {median.CpuMillisecondsPerOrder:0.00} ms process CPU/order"));
    records.AddRange(median.Latency.Records("api", figure));
    AddRow($"{clients} clients", baseline, median);
}

if (settings.Rate > 0)
{
    var apiDb = await BenchmarkDatabase.CreateAsync(postgres.ConnectionString, "bench_api_open", cancel.Token);
    AnsiConsole.MarkupLine($"API, open loop at {settings.Rate} orders/s, {settings.Seconds} s (after a closed-loop warm-up)...");
    ApiLoadResult api;
    await using (var load = await ApiLoad.StartAsync(apiDb, 256, null, cancel.Token))
    {
        await load.ClosedLoopAsync(8, TimeSpan.FromSeconds(Math.Min(3, settings.Seconds)), cancel.Token);
        api = await load.OpenLoopAsync(settings.Rate, TimeSpan.FromSeconds(settings.Seconds), cancel.Token);
    }

    var figure = $"POST /orders at {settings.Rate}/s (open loop)";
    // Kept up when it completes at least 98 % of the offered rate: completions are counted until
    // the last answer, so even a server that keeps up exactly stays a little under the rate.
    records.Add(BenchRecord.AtLeast("api", figure + " completed", api.OrdersPerSecond, "orders/s", settings.Rate * 0.98,
        $"{api.Errors} errors; completed / (first send to last answer), kept up at >= 98 % of the offered rate; latency from the scheduled send time"));
    records.AddRange(api.Latency.Records("api", figure));
    AddRow($"open loop {settings.Rate}/s", double.NaN, api);
}

AnsiConsole.Write(table);
BenchReport.Append(report, records);
var missed = records.Where(r => r.Met == false).Select(r => r.Figure).ToList();
AnsiConsole.MarkupLine(missed.Count == 0 ? "[green]Every target met.[/]" : "[red]Missed:[/] " + Markup.Escape(string.Join("; ", missed)));
return 0;

void AddRow(string load, double tps, ApiLoadResult api)
{
    var ratio = api.OrdersPerSecond / tps;
    table.AddRow(
        load,
        double.IsNaN(tps) ? "-" : tps.ToString("N0", CultureInfo.InvariantCulture),
        api.OrdersPerSecond.ToString("N0", CultureInfo.InvariantCulture),
        double.IsNaN(ratio) ? "-" : $"[{(ratio >= 0.6 ? "green" : "red")}]{ratio.ToString("P0", CultureInfo.InvariantCulture)}[/]",
        api.Latency.P50.ToString("N2", CultureInfo.InvariantCulture),
        api.Latency.P95.ToString("N2", CultureInfo.InvariantCulture),
        api.Latency.P99.ToString("N2", CultureInfo.InvariantCulture),
        api.Errors.ToString(CultureInfo.InvariantCulture),
        api.CpuMillisecondsPerOrder.ToString("N3", CultureInfo.InvariantCulture));
}
