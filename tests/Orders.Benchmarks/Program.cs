using System.Globalization;
using Orders.Benchmarks;
using Platform.Local;
using Spectre.Console;

// Sustained POST /orders versus pgbench's single-statement order+outbox insert, on one
// local PostgreSQL cluster with fsync on, for each client count. Target: API >= 60% of pgbench.
var settings = BenchmarkSettings.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

AnsiConsole.MarkupLine("[bold]Orders API throughput vs pgbench[/] (fsync on, durable commits)");
await using var postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Fast = false }, cancel.Token);
AnsiConsole.MarkupLine(Markup.Escape(postgres.ToString()));
var table = new Table()
    .AddColumn("clients").AddColumn(new TableColumn("pgbench tx/s").RightAligned()).AddColumn(new TableColumn("API orders/s").RightAligned())
    .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn(new TableColumn("API p50 ms").RightAligned())
    .AddColumn(new TableColumn("API p99 ms").RightAligned()).AddColumn(new TableColumn("API errors").RightAligned())
    .AddColumn(new TableColumn("process CPU ms/order").RightAligned());
var allMet = true;
foreach (var clients in settings.Clients)
{
    await BenchmarkDatabase.CreateAsync(postgres.ConnectionString, $"bench_pgbench_{clients}", cancel.Token);
    AnsiConsole.MarkupLine($"pgbench, {clients} clients, {settings.Seconds} s...");
    var tps = await Pgbench.RunAsync(postgres.Port, $"bench_pgbench_{clients}", clients, settings.Seconds, cancel.Token);

    var apiDb = await BenchmarkDatabase.CreateAsync(postgres.ConnectionString, $"bench_api_{clients}", cancel.Token);
    AnsiConsole.MarkupLine($"API, {clients} clients, {settings.Seconds} s (after a warm-up)...");
    var api = await ApiLoad.RunAsync(apiDb, clients, settings.Seconds, cancel.Token);

    var ratio = api.OrdersPerSecond / tps;
    allMet &= ratio >= 0.6;
    table.AddRow(
        clients.ToString(CultureInfo.InvariantCulture),
        tps.ToString("N0", CultureInfo.InvariantCulture),
        api.OrdersPerSecond.ToString("N0", CultureInfo.InvariantCulture),
        $"[{(ratio >= 0.6 ? "green" : "red")}]{ratio.ToString("P0", CultureInfo.InvariantCulture)}[/]",
        api.P50Milliseconds.ToString("N2", CultureInfo.InvariantCulture),
        api.P99Milliseconds.ToString("N2", CultureInfo.InvariantCulture),
        api.Errors.ToString(CultureInfo.InvariantCulture),
        api.CpuMillisecondsPerOrder.ToString("N3", CultureInfo.InvariantCulture));
}

AnsiConsole.Write(table);
AnsiConsole.MarkupLine(allMet ? "[green]Target met: API >= 60% of pgbench at every client count.[/]" : "[red]Target missed at some client count.[/]");
return allMet ? 0 : 1;
