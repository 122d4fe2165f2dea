using System.Globalization;
using Bench.Reporting;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HotPaths.Benchmarks;

// BenchmarkDotNet micro-benchmarks of the hot paths, in process (no generated projects to
// build). Default: ShortRun (3 warm-ups, 3 iterations), what the suite runs; --full: BDN's
// default job; --quick: a dry run (one invocation each, for smoke tests: the figures mean nothing).
// Usage: dotnet run -c Release --project tests/HotPaths.Benchmarks [--quick|--full] [--artifacts DIR] [--report FILE]
var report = BenchReport.TakeOption(ref args);
var job = args.Contains("--full") ? Job.Default : args.Contains("--quick") ? Job.Dry : Job.ShortRun;
var artifacts = Array.IndexOf(args, "--artifacts") is var a and >= 0 ? args[a + 1] : Path.Combine(Path.GetTempPath(), "hotpaths-benchmarks");
var config = ManualConfig.CreateMinimumViable()
    .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(artifacts)
    .WithOptions(ConfigOptions.DisableLogFile);
var summaries = BenchmarkRunner.Run([typeof(EventSerializationBenchmarks), typeof(OutboxRowBenchmarks), typeof(RecordBuildingBenchmarks), typeof(InboxCheckBenchmarks)], config);

var jobName = job == Job.Dry ? "Dry (figures meaningless)" : job == Job.ShortRun ? "ShortRun" : "Default";
BenchReport.Append(report, summaries.SelectMany(s => s.Reports).Select(r => Record(r, jobName)));
return 0;

static BenchRecord Record(BenchmarkReport report, string job)
{
    var name = $"{report.BenchmarkCase.Descriptor.Type.Name.Replace("Benchmarks", "", StringComparison.Ordinal)}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}";
    var mean = report.ResultStatistics?.Mean ?? double.NaN;
    var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
    var note = string.Create(CultureInfo.InvariantCulture, $"BenchmarkDotNet {job}, in process; {allocated?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} B allocated/op");
    // Nanoseconds below 10 µs, microseconds above: the table stays readable.
    return mean < 10_000 || double.IsNaN(mean)
        ? BenchRecord.Info("hot paths", name, mean, "ns/op", note)
        : BenchRecord.Info("hot paths", name, mean / 1_000, "µs/op", note);
}
