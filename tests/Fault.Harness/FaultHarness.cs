using System.Diagnostics;
using System.Globalization;
using Platform.Testing;

namespace Fault.Harness;

/// <summary>
/// One run: start the platform as separate processes, place orders at a steady rate, inject
/// the seeded faults one after another (each waited on until the platform recovered and then
/// settled, then a seeded pause), stop the load and check the ledger.
/// </summary>
public static class FaultHarness
{
    /// <summary>Runs with <paramref name="options"/>; <paramref name="progress"/> receives one line per step.</summary>
    public static async Task<HarnessResult> RunAsync(HarnessOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var clock = Stopwatch.StartNew();
        var output = options.OutputDirectory ?? Path.Combine(Path.GetTempPath(), "fault-harness-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(output);
        var services = options.ServicesDirectory ?? ServiceBuild.FindServicesDirectory();
        progress($"Starting PostgreSQL, Kafka and 7 processes; logs in {output}");
        await using var platform = await HarnessPlatform.StartAsync(services, output, cancellationToken);
        progress($"Platform up after {clock.Elapsed.TotalSeconds:0.0} s (Kafka {platform.BootstrapServers}, group protocol {platform.GroupProtocol})");

        // Reads every event record from now on, so the ledger does not depend on what the broker still holds at the end.
        using var tap = DeliveryTap.Start(platform.BootstrapServers, Ledger.EventTopics);
        var random = new Random(options.Seed);
        var available = FaultInjector.Available(platform);
        foreach (var missing in Enum.GetValues<FaultKind>().Except(available))
        {
            progress($"Not injected on this platform: {missing} (needs the harness's own {(missing == FaultKind.KafkaUnreachable ? "mock Kafka cluster" : "PostgreSQL cluster")})");
        }

        await using var load = new LoadGenerator(platform.OrdersUrl, platform.ApiKey, options.Seed, options.OrdersPerSecond);
        var recovery = new RecoveryProbe(platform, load);
        var injector = new FaultInjector(platform, recovery, options, random);
        load.Start();

        // The pipeline works end to end before anything is broken.
        var (_, warm) = await recovery.MeasureAsync(DateTime.UtcNow, platform.Processes, options.RecoveryTimeout, cancellationToken);
        if (warm is null)
        {
            throw new TimeoutException($"No order reached a terminal state within {options.RecoveryTimeout.TotalSeconds:0} s before any fault; see the logs in {output}.");
        }

        await injector.PrepareAsync(cancellationToken);
        var faults = new List<FaultRecord>();
        var schedule = FaultSchedule.Create(options.Seed, options.Faults, available);
        for (var i = 0; i < schedule.Count; i++)
        {
            // Load pacing, not synchronisation: when the next fault lands is part of the seed.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next((int)options.MinPause.TotalMilliseconds, (int)options.MaxPause.TotalMilliseconds)), cancellationToken);
            var fault = await injector.InjectAsync(schedule[i], cancellationToken);

            // The next fault lands on a platform that has absorbed this one (steady state again).
            fault = fault with { Settled = await recovery.SettleAsync(fault.At, options.RecoveryTimeout, cancellationToken) };
            faults.Add(fault);
            progress(string.Create(CultureInfo.InvariantCulture,
                $"fault {i + 1}/{schedule.Count}: {fault.Kind} {fault.Target}: ready after {(fault.Ready is { } ready ? $"{ready.TotalSeconds:0.00} s" : "-")}, recovered in {(fault.Recovery is { } r ? $"{r.TotalSeconds:0.00} s" : "NOT within the timeout")}{(HarnessResult.IsKill(fault.Kind) && fault.Recovery > options.RecoveryBudget ? " (over budget)" : "")}, settled after {(fault.Settled is { } settled ? $"{settled.TotalSeconds:0.00} s" : "NOT within the timeout")}{(fault.Note.Length > 0 ? "; " + fault.Note : "")}; {load.Accepted.Count} orders accepted"));
        }

        progress("Stopping the load; waiting for every process to be ready");
        await load.StopAsync();
        foreach (var process in platform.Processes)
        {
            await Eventually.WaitAsync(() => process.IsReadyAsync(cancellationToken), $"{process.Name} to be ready after the run (see {process.LogFile})",
                TimeSpan.FromSeconds(90), cancellationToken);
        }

        progress("Checking the ledger");
        var ledger = await new Ledger(platform, load, tap, injector.DeliveredProbeRows).CheckAsync(TimeSpan.FromSeconds(120), cancellationToken);
        var result = new HarnessResult(options, faults, ledger, load.Attempts, load.Refused, platform.Processes.Sum(p => p.Exits), clock.Elapsed);
        if (options.ReportFile is not null)
        {
            await HarnessReport.WriteAsync(options.ReportFile, result, cancellationToken);
        }

        return result;
    }
}
