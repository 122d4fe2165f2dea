using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Reporting;
using Spectre.Console;

namespace Fault.Harness;

/// <summary>Prints a run's figures as tables and writes them as JSON.</summary>
public static class HarnessReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>The faults by kind (count, recovery p50 and max, settled p50 and max) and the ledger's figures, each invariant marked.</summary>
    public static void Print(IAnsiConsole console, HarnessResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var faults = new Table().Title("Faults injected").AddColumns("kind", "count", "ready p50", "recovery p50", "recovery max", "over budget / not recovered", "settled p50", "settled max");
        foreach (var group in result.Faults.GroupBy(f => f.Kind).OrderBy(g => g.Key))
        {
            var recovered = group.Where(f => f.Recovery is not null).Select(f => f.Recovery!.Value.TotalSeconds).Order().ToList();
            var over = group.Count(result.SlowRecoveries.Contains);
            var ready = group.Where(f => f.Ready is not null).Select(f => f.Ready!.Value.TotalSeconds).Order().ToList();
            var settled = group.Where(f => f.Settled is not null).Select(f => f.Settled!.Value.TotalSeconds).Order().ToList();
            var unsettled = group.Count(f => f.Settled is null);
            faults.AddRow(group.Key.ToString(), Number(group.Count()),
                Seconds(Percentiles.Of(ready, 0.5)), Seconds(Percentiles.Of(recovered, 0.5)), Seconds(Percentiles.Of(recovered, 1)),
                over == 0 ? "0" : $"[red]{over}[/]",
                Seconds(Percentiles.Of(settled, 0.5)), unsettled == 0 ? Seconds(Percentiles.Of(settled, 1)) : $"[red]{unsettled} not settled[/]");
        }

        faults.AddRow("[bold]all kills[/]", Number(result.Faults.Count(f => HarnessResult.IsKill(f.Kind))), "", Seconds(result.RecoveryPercentile(50)), Seconds(result.RecoveryPercentile(100)),
            result.SlowRecoveries.Count == 0 ? "0" : $"[red]{result.SlowRecoveries.Count}[/]", "", "");
        console.Write(faults);

        var ledger = result.Ledger;
        var figures = new Table().Title("Ledger").AddColumns("figure", "value", "must be");
        figures.AddRow("orders accepted", Number(ledger.AcceptedOrders), "");
        figures.AddRow("  confirmed / cancelled", $"{Number(ledger.Confirmed)} / {Number(ledger.Cancelled)}", "");
        figures.AddRow("  not terminal", Mark(ledger.NotTerminal), "0");
        figures.AddRow("  committed without an answer to the client", Number(ledger.Unanswered), "");
        figures.AddRow("HTTP attempts (retries included)", Number(result.HttpAttempts), "");
        figures.AddRow("events committed (outbox)", Number(ledger.CommittedEvents), "");
        figures.AddRow("records read from Kafka during the run", Number(ledger.KafkaRecords), "");
        figures.AddRow("  offsets dropped by the broker before read", Number(ledger.SkippedOffsets), "");
        figures.AddRow("duplicate deliveries (same event id again)", Number(ledger.DuplicateDeliveries), "");
        figures.AddRow("lost events", Mark(ledger.LostEvents), "0");
        figures.AddRow("duplicate effects", Mark(ledger.DuplicateEffects), "0");
        figures.AddRow("missing effects", Mark(ledger.MissingEffects), "0");
        figures.AddRow("out-of-order", Mark(ledger.OutOfOrder), "0");
        figures.AddRow("sequence gaps reported", Number(ledger.SequenceGaps), "");
        figures.AddRow("dead-lettered", Mark(ledger.DeadLettered), "0");
        figures.AddRow("log lines carrying a secret", Mark(ledger.SecretLines), "0");
        figures.AddRow("process exits (kills and crashes)", Number(result.ProcessExits), "");
        figures.AddRow("run time", Seconds(result.Duration), "");
        console.Write(figures);

        if (result.Failures.Count == 0)
        {
            console.MarkupLine("[green]Every invariant holds.[/]");
        }
        else
        {
            foreach (var failure in result.Failures)
            {
                console.MarkupLineInterpolated($"[red]FAILED:[/] {failure}");
            }
        }
    }

    /// <summary>Writes the whole result, every fault with its recovery, as JSON.</summary>
    public static async Task WriteAsync(string file, HarnessResult result, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var stream = File.Create(file);
        await JsonSerializer.SerializeAsync(stream, new { result.Options, result.Faults, result.Ledger, result.HttpAttempts, result.ProcessExits, result.Duration, result.Failures }, Json, cancellationToken);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mark(long value) => value == 0 ? "0" : $"[red]{Number(value)}[/]";

    private static string Seconds(TimeSpan? value) => value is { } v ? Seconds(v.TotalSeconds) : "-";

    // NaN: no sample (nothing of that kind recovered).
    private static string Seconds(double seconds) => double.IsNaN(seconds) ? "-" : seconds.ToString("0.00 s", CultureInfo.InvariantCulture);
}
