using System.CommandLine;
using System.Globalization;
using Platform.Operations.Commands;
using Platform.Operations.Replay;
using Platform.Operations.Source;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform outbox reemit</c>: rewind at the source for Outbox:CleanupMode=Retain. The logic is
/// <see cref="OutboxReemitter"/>; this maps options and exit codes.
/// </summary>
internal static class OutboxCommand
{
    public static Command Create()
    {
        var database = new CliDatabase();
        var from = new Option<string>("--from") { Description = "First event time, inclusive, ISO 8601 with zone.", Required = true };
        var to = new Option<string?>("--to") { Description = "End event time, exclusive, ISO 8601 with zone (default: now)." };
        var aggregates = new Option<string[]>("--aggregate") { Description = "Only these aggregate ids (repeatable).", AllowMultipleArgumentsPerToken = true };
        var types = new Option<string[]>("--type") { Description = "Only these event types (repeatable).", AllowMultipleArgumentsPerToken = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count per aggregate type and event type; change nothing." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per transaction.", DefaultValueFactory = _ => 1000 };
        var reemit = new Command("reemit", "Publish retained outbox rows again (same event ids) through the CDC relay; consumers deduplicate them.")
        {
            from, to, aggregates, types, dryRun, yes, batchSize,
        };
        database.AddTo(reemit);
        reemit.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            var selection = new OutboxSelection
            {
                From = ReplayArguments.ParseTime(r.GetValue(from), "--from")!.Value,
                To = ReplayArguments.ParseTime(r.GetValue(to), "--to"),
                AggregateIds = (r.GetValue(aggregates) ?? []).ToHashSet(StringComparer.Ordinal),
                Types = (r.GetValue(types) ?? []).ToHashSet(StringComparer.Ordinal),
            };
            selection.Validate();
            var connectionString = database.Resolve(r);
            var counts = await OutboxReemitter.CountAsync(connectionString, selection, token);
            WriteCounts(counts);
            var total = counts.Sum(c => c.Count);
            if (r.GetValue(dryRun) || total == 0)
            {
                return 0;
            }

            if (!r.GetValue(yes) && !AnsiConsole.Confirm($"Re-emit these {total} events (same ids; consumers deduplicate them)?", defaultValue: false))
            {
                return 0;
            }

            return await ReemitAsync(connectionString, selection, r.GetValue(batchSize), token);
        }));
        return new Command("outbox", "A service's outbox table: re-emit retained events.") { reemit };
    }

    private static async Task<int> ReemitAsync(string connectionString, OutboxSelection selection, int batchSize, CancellationToken cancellationToken)
    {
        long done = 0;
        try
        {
            await RunWithProgressAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Every committed batch was re-emitted completely; rerunning re-emits some rows twice, which consumers drop.
            AnsiConsole.MarkupLine($"[yellow]Stopped after {done.ToString(CultureInfo.InvariantCulture)} events; rerun the same command to finish (already re-emitted ones go again, consumers deduplicate them).[/]");
            return (int)ReplayExitCode.Cancelled;
        }

        AnsiConsole.MarkupLine($"Re-emitted {done.ToString(CultureInfo.InvariantCulture)} events; the relay publishes them again.");
        return 0;

        Task RunWithProgressAsync() => AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("re-emitting");
                var progress = new Progress<ReplayProgress>(p =>
                {
                    bar.MaxValue = Math.Max(1, p.Total);
                    bar.Value = p.Read;
                    done = p.Read;
                });
                done = await OutboxReemitter.ReemitAsync(connectionString, selection, batchSize, progress, cancellationToken);
                bar.Value = bar.MaxValue;
            });
    }

    private static void WriteCounts(IReadOnlyList<OutboxTypeCount> counts)
    {
        var table = new Table().AddColumns("aggregate type", "event type", "rows");
        foreach (var count in counts)
        {
            table.AddRow(Markup.Escape(count.AggregateType), Markup.Escape(count.Type), count.Count.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", "", counts.Sum(c => c.Count).ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }
}
