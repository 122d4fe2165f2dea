using System.Diagnostics;
using System.Globalization;
using Bench.Reporting;
using Bench.Suite;
using Spectre.Console;

// The platform measured against the limits of this machine, in one go: pgbench baseline and
// Orders API (closed and open loop), relay (CDC and polling), consumers (synthetic and per
// service, with inbox dedup), order -> terminal end to end, replay, and BenchmarkDotNet hot
// paths. Each program runs as its own process with fixed parameters and appends its figures
// to a report file; this prints one table and writes results.json, results.md and report.html
// to artifacts/bench/<timestamp>/ and artifacts/bench/latest/. Figures are reported, never
// asserted: a slow machine, a failing or overrunning step is reported and the exit code stays 0.
// Usage: dotnet tests/Bench.Suite/bin/Release/net10.0/Bench.Suite.dll [--quick] [--only a,b] [--out DIR] [--configuration Release]
//        or [--render DIR] to re-write the markdown and HTML of an earlier run from its results.json.
// (./build.sh bench runs it after building; ./build.sh bench --quick=true runs it quick.)
if (Option("--render") is { } rendered)
{
    // Re-writes results.md and report.html of an earlier run from its results.json (after the report code changed).
    var earlier = System.Text.Json.JsonSerializer.Deserialize<SuiteResult>(File.ReadAllText(Path.Combine(rendered, SuiteOutput.Json)), BenchReport.Json)!;
    SuiteOutput.Write(rendered, earlier);
    ConsoleReport.Print(earlier);
    return 0;
}

var quick = args.Contains("--quick");
var only = Option("--only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
var configuration = Option("--configuration") ?? "Release";
var root = RepositoryRoot();
var started = DateTimeOffset.UtcNow;
var output = Path.GetFullPath(Option("--out") ?? Path.Combine(root, "artifacts", "bench", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
Directory.CreateDirectory(output);

var machine = MachineFacts.Collect();
var steps = SuitePlan.Steps(quick, output).Where(s => only is null || only.Contains(s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
AnsiConsole.MarkupLine($"[bold]Platform benchmarks[/] ({(quick ? "quick" : "full")}): {steps.Count} steps, output {Markup.Escape(output)}");
AnsiConsole.MarkupLine(Markup.Escape(string.Join("; ", machine.Select(kv => $"{kv.Key}: {kv.Value}"))));

var runner = new StepRunner(root, configuration, output);
var outcomes = new List<StepOutcome>();
var records = new List<BenchRecord>();
var clock = Stopwatch.StartNew();
foreach (var (step, index) in steps.Select((s, i) => (s, i)))
{
    AnsiConsole.MarkupLine($"[bold]== {index + 1}/{steps.Count} {Markup.Escape(step.Name)}[/] ({Markup.Escape(step.Project)} {Markup.Escape(string.Join(' ', step.Arguments))})");
    var (outcome, stepRecords) = await runner.RunAsync(step, index, CancellationToken.None);
    outcomes.Add(outcome);
    records.AddRange(stepRecords);
    AnsiConsole.MarkupLine($"   {Markup.Escape(outcome.Status)} in {outcome.Seconds:0} s, {outcome.Records} figures");
}

machine["load average at end"] = MachineFacts.LoadAverage();
var result = new SuiteResult
{
    StartedAt = started,
    Seconds = clock.Elapsed.TotalSeconds,
    Mode = quick ? "quick" : "full",
    // What ran, as typed after a build (./build.sh bench builds, then runs exactly this).
    Command = $"dotnet tests/Bench.Suite/bin/{configuration}/net10.0/Bench.Suite.dll {string.Join(' ', args)}".TrimEnd(),
    Machine = machine,
    Steps = outcomes,
    Records = records,
};
SuiteOutput.Write(output, result);
var latest = Path.Combine(root, "artifacts", "bench", "latest");
if (Option("--out") is null)
{
    SuiteOutput.CopyToLatest(output, latest);
}

ConsoleReport.Print(result);
AnsiConsole.MarkupLine($"Written: {Markup.Escape(Path.Combine(output, SuiteOutput.Json))}, {SuiteOutput.Markdown}, {SuiteOutput.Html}"
    + (Option("--out") is null ? $" (copied to {Markup.Escape(latest)})" : ""));
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
}
