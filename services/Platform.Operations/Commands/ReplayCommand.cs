using System.CommandLine;
using Platform.Operations.Replay;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Operations.Commands;

/// <summary>
/// <c>platform replay</c>: reads a range of records with a throwaway consumer (assigns, never
/// commits) and re-publishes the selected ones to <c>--to-topic</c>, delivers them into a
/// consumer's pipeline with <c>--consumer</c>, or only counts them with <c>--dry-run</c>. The
/// logic lives in Platform.Replay; this maps options and exit codes.
/// </summary>
public static class ReplayCommand
{
    /// <summary>The command; <paramref name="consumers"/> are the consumers it can deliver into.</summary>
    public static Command Create(ConsumerCatalog consumers)
    {
        var topics = new Option<string[]>("--topic") { Description = "Source topic (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var partitions = new Option<int[]>("--partition") { Description = "Only these partitions (repeatable).", AllowMultipleArgumentsPerToken = true };
        var fromOffset = new Option<long?>("--from-offset") { Description = "First offset, inclusive, per partition." };
        var toOffset = new Option<long?>("--to-offset") { Description = "Last offset, inclusive, per partition." };
        var from = new Option<string?>("--from") { Description = "Start time, ISO 8601 with zone (offsets-for-times)." };
        var to = new Option<string?>("--to") { Description = "End time, exclusive, ISO 8601 with zone." };
        var aggregates = new Option<string[]>("--aggregate") { Description = "Only these aggregate ids (record keys).", AllowMultipleArgumentsPerToken = true };
        var types = new Option<string[]>("--type") { Description = "Only these event types (eventType header).", AllowMultipleArgumentsPerToken = true };
        var headers = new Option<string[]>("--header") { Description = "Only records with header name=value (repeatable; all must match).", AllowMultipleArgumentsPerToken = true };
        var target = new Option<string?>("--to-topic") { Description = "Re-publish to this topic (same key, value, headers, timestamp, murmur2 partition) with replay.* headers." };
        var consumer = new Option<string?>("--consumer") { Description = "Deliver into this consumer's pipeline (its handlers, inbox and dead-letter topic), in partition order." };
        var force = new Option<bool>("--force") { Description = "With --consumer: apply already-seen events again (inbox row replaced in the effect's transaction); also lifts the inbox-retention horizon. Asks for confirmation." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count per topic and event type; change nothing." };
        var rate = new Option<double?>("--rate") { Description = "At most N events per second." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file: a rerun with it continues where this one stopped." };
        var servers = new Option<string?>("--bootstrap-servers") { Description = "Kafka bootstrap servers (else Kafka__BootstrapServers / Kafka:BootstrapServers)." };
        var command = new Command("replay", "Replay recorded events: re-publish to a topic, deliver into a consumer, or count them (dry run).")
        {
            topics, partitions, fromOffset, toOffset, from, to, aggregates, types, headers, target, consumer, force, yes, dryRun, rate, checkpoint, servers,
        };
        command.SetAction((result, cancellationToken) => CliExit.GuardAsync(async () =>
        {
            var request = new ReplayRequest
            {
                Topics = result.GetValue(topics) ?? [],
                Partitions = result.GetValue(partitions) ?? [],
                FromOffset = result.GetValue(fromOffset),
                ToOffset = result.GetValue(toOffset),
                From = ReplayArguments.ParseTime(result.GetValue(from), "--from"),
                To = ReplayArguments.ParseTime(result.GetValue(to), "--to"),
                Filter = new ReplayFilter(
                    (result.GetValue(aggregates) ?? []).ToHashSet(StringComparer.Ordinal),
                    (result.GetValue(types) ?? []).ToHashSet(StringComparer.Ordinal),
                    ReplayArguments.ParseHeaders(result.GetValue(headers) ?? [], "--header")),
                DryRun = result.GetValue(dryRun),
                RatePerSecond = result.GetValue(rate),
                CheckpointPath = result.GetValue(checkpoint),
            };
            request.Validate();
            var destination = result.GetValue(target);
            var name = result.GetValue(consumer);
            var forced = result.GetValue(force);
            if (forced && name is null)
            {
                throw new ReplayException(ReplayExitCode.BadInput, "--force only applies to delivery into a consumer: give --consumer NAME.");
            }

            if (name is not null && destination is not null)
            {
                throw new ReplayException(ReplayExitCode.BadInput, "Give --to-topic or --consumer, not both.");
            }

            if (destination is null && name is null && !request.DryRun)
            {
                throw new ReplayException(ReplayExitCode.BadInput, "Give --to-topic T, --consumer NAME (or --dry-run).");
            }

            var bootstrapServers = CliKafka.BootstrapServers(result.GetValue(servers));
            if (name is null)
            {
                var replayId = Guid.CreateVersion7().ToString();
                using var sink = request.DryRun ? null : new TopicReplaySink(bootstrapServers, destination!, replayId);
                return await WithProgressAsync(request, progress => ReplayRunner.RunAsync(bootstrapServers, request, sink, replayId, progress, cancellationToken));
            }

            var (services, pipeline) = consumers.Open(name, ConsumerCatalog.Configuration(bootstrapServers));
            await using (services)
            {
                if (forced && !request.DryRun && !result.GetValue(yes)
                    && !AnsiConsole.Confirm($"Apply the selected events to '{Markup.Escape(name)}' again, even those it already applied?", defaultValue: false))
                {
                    return (int)ReplayExitCode.Ok;
                }

                return await WithProgressAsync(request, progress =>
                    ConsumerReplay.RunAsync(bootstrapServers, request, pipeline, forced, TimeProvider.System, progress, cancellationToken));
            }
        }));
        return command;
    }

    /// <summary>Runs <paramref name="run"/> under the progress bar, then prints the summary and maps the exit code.</summary>
    private static async Task<int> WithProgressAsync(ReplayRequest request, Func<IProgress<ReplayProgress>, Task<ReplaySummary>> run)
    {
        ReplaySummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(request.DryRun ? "counting" : "replaying");
                var progress = new Progress<ReplayProgress>(p =>
                {
                    bar.MaxValue = Math.Max(1, p.Total);
                    bar.Value = p.Read;
                });
                summary = await run(progress);
                bar.Value = bar.MaxValue;
            });
        ReplaySummaryTable.Write(summary!, request.DryRun);
        if (!summary!.Completed)
        {
            AnsiConsole.MarkupLine("[yellow]Stopped; the checkpoint keeps what was done, rerun with the same --checkpoint to continue.[/]");
            return (int)ReplayExitCode.Cancelled;
        }

        return (int)ReplayExitCode.Ok;
    }
}
