using System.Diagnostics;
using Bench.Reporting;

namespace Bench.Suite;

/// <summary>
/// Runs one step as its own process (<c>dotnet tests/P/bin/C/net10.0/P.dll args --report FILE</c>),
/// echoing its output and keeping it in a log file. A step that fails or overruns its timeout
/// is reported as such; it never stops the suite.
/// </summary>
public sealed class StepRunner(string repositoryRoot, string configuration, string outputDirectory)
{
    /// <summary>Runs <paramref name="step"/>; returns its outcome and the records it appended.</summary>
    public async Task<(StepOutcome Outcome, IReadOnlyList<BenchRecord> Records)> RunAsync(SuiteStep step, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var slug = $"{index + 1:00}-{step.Name.Replace(' ', '-')}";
        var reportFile = Path.Combine(outputDirectory, "records", slug + ".jsonl");
        var log = Path.Combine("logs", slug + ".log");
        Directory.CreateDirectory(Path.Combine(outputDirectory, "logs"));
        var assembly = Path.Combine(repositoryRoot, "tests", step.Project, "bin", configuration, "net10.0", step.Project + ".dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[assembly, .. step.Arguments, BenchReport.Option, reportFile])
        {
            start.ArgumentList.Add(argument);
        }

        var command = $"dotnet {Path.GetRelativePath(repositoryRoot, assembly)} {string.Join(' ', step.Arguments)}";
        var clock = Stopwatch.StartNew();
        int? exitCode = null;
        await using (var logWriter = new StreamWriter(Path.Combine(outputDirectory, log)) { AutoFlush = true })
        {
            await logWriter.WriteLineAsync("$ " + command);
            if (!File.Exists(assembly))
            {
                await logWriter.WriteLineAsync($"{assembly} does not exist: build the solution first (./build.sh build).");
            }
            else
            {
                exitCode = await RunProcessAsync(start, step.Timeout, logWriter, cancellationToken);
            }
        }

        var records = BenchReport.Read(reportFile);
        return (new StepOutcome(step.Name, command, exitCode, clock.Elapsed.TotalSeconds, records.Count, log), records);
    }

    private static async Task<int?> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout, StreamWriter log, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = start };
        var gate = new Lock();
        void Echo(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                Console.WriteLine("  | " + line);
                log.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var overrun = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overrun.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(overrun.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            // Its own process tree only: the step's PostgreSQL children stop with it.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Echo($"stopped after {timeout}");
            return null;
        }
    }
}
