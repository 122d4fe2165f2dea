using System.CommandLine;
using System.Globalization;
using System.Text;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.DeadLetters;
using Platform.Operations.Replay;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Operations.Commands;

/// <summary>
/// <c>platform dlq list|show|redrive|purge</c> over a consumer's <c>{consumer}.dlq</c> topic; the logic
/// is <see cref="DeadLetterOperations"/> (the dashboard's Redrive button calls the same redrive to
/// the original topic, for one record: <c>--partition P --from-offset O --to-offset O</c>).
/// </summary>
public static class DlqCommand
{
    /// <summary>The command; <paramref name="consumers"/> are the consumers it can deliver into.</summary>
    public static Command Create(ConsumerCatalog consumers)
    {
        var consumer = new Option<string>("--consumer") { Description = "Consumer whose {consumer}.dlq topic to use.", Required = true };
        var servers = new Option<string?>("--bootstrap-servers") { Description = "Kafka bootstrap servers (else Kafka__BootstrapServers)." };
        var fromOffset = new Option<long?>("--from-offset") { Description = "First dlq offset, inclusive." };
        var toOffset = new Option<long?>("--to-offset") { Description = "Last dlq offset, inclusive." };
        var types = new Option<string[]>("--type") { Description = "Only these event types.", AllowMultipleArgumentsPerToken = true };
        var reason = new Option<string?>("--reason") { Description = "Only records parked with exactly this reason." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        ReplayFilter Filter(ParseResult r) => new([], (r.GetValue(types) ?? []).ToHashSet(StringComparer.Ordinal),
            r.GetValue(reason) is { } why ? new Dictionary<string, string> { [DeadLetterHeaders.Reason] = why } : new Dictionary<string, string>());

        var list = new Command("list", "Table of parked records.") { consumer, servers, fromOffset, toOffset, types, reason };
        list.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            var records = await DeadLetterOperations.ListAsync(CliKafka.BootstrapServers(r.GetValue(servers)), r.GetValue(consumer)!, Filter(r), r.GetValue(fromOffset), r.GetValue(toOffset), token);
            var table = new Table().AddColumns("partition", "offset", "original", "event type", "id", "reason", "parked at");

            foreach (var record in records)
            {
                string H(string name) => Markup.Escape(ReplayFilter.HeaderText(record.Message, name) ?? "");
                table.AddRow(N(record.Partition.Value), N(record.Offset.Value),
                    $"{H(DeadLetterHeaders.OriginalTopic)}/{H(DeadLetterHeaders.OriginalPartition)}/{H(DeadLetterHeaders.OriginalOffset)}",
                    H(OutboxHeaders.EventType), H(OutboxHeaders.EventId), H(DeadLetterHeaders.Reason), H(DeadLetterHeaders.ParkedAt));
            }

            AnsiConsole.Write(table);
            return 0;
        }));

        var offset = new Option<long>("--offset") { Description = "Dlq offset of the record.", Required = true };
        var show = new Command("show", "One parked record with all headers.") { consumer, servers, offset };
        show.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            var at = r.GetValue(offset);
            var records = await DeadLetterOperations.ListAsync(CliKafka.BootstrapServers(r.GetValue(servers)), r.GetValue(consumer)!, ReplayFilter.All, at, at, token);
            foreach (var record in records)
            {
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(record.TopicPartitionOffset.ToString())}[/] key {Markup.Escape(Encoding.UTF8.GetString(record.Message.Key ?? []))}, {N(record.Message.Value?.Length ?? 0)} bytes");
                foreach (var header in record.Message.Headers)
                {
                    AnsiConsole.MarkupLine($"  {Markup.Escape(header.Key)}: {Markup.Escape(Encoding.UTF8.GetString(header.GetValueBytes()))}");
                }
            }

            return 0;
        }));

        var partitions = new Option<int[]>("--partition") { Description = "Only these dlq partitions (default: all).", AllowMultipleArgumentsPerToken = true };
        var intoConsumer = new Option<bool>("--into-consumer") { Description = "Deliver straight into the consumer's pipeline (handlers, inbox) instead of re-publishing to the original topic." };
        var redrive = new Command("redrive", "Send selected parked records back to their original topic (original headers only), or straight into the consumer.")
        {
            consumer, servers, partitions, fromOffset, toOffset, types, reason, yes, intoConsumer,
        };
        redrive.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            var bootstrapServers = CliKafka.BootstrapServers(r.GetValue(servers));
            if (r.GetValue(intoConsumer))
            {
                if (r.GetValue(partitions) is { Length: > 0 })
                {
                    throw new ReplayException(ReplayExitCode.BadInput, "--partition applies to a re-publishing redrive only, not with --into-consumer.");
                }

                return await RedriveIntoConsumerAsync(consumers, bootstrapServers, r.GetValue(consumer)!, Filter(r), r.GetValue(fromOffset), r.GetValue(toOffset), r.GetValue(yes), token);
            }

            if (!r.GetValue(yes) && !AnsiConsole.Confirm("Re-publish the selected parked records to their original topics?", defaultValue: false))
            {
                return 0;
            }

            var summary = await DeadLetterOperations.RedriveAsync(
                bootstrapServers, r.GetValue(consumer)!, r.GetValue(partitions) ?? [], Filter(r), r.GetValue(fromOffset), r.GetValue(toOffset), token);
            ReplaySummaryTable.Write(summary, dryRun: false);
            return summary.Completed ? 0 : (int)ReplayExitCode.Cancelled;
        }));

        return new Command("dlq", "Dead-letter topics: list, show, redrive, purge.") { list, show, redrive, DlqPurgeCommand.Create() };
    }

    /// <summary>
    /// <c>redrive --into-consumer</c>: the consumer's own pipeline, built from its service's
    /// registration (<see cref="ConsumerCatalog"/>), applies the parked records as the originals;
    /// its inbox skips any it already applied, so a repeated redrive changes nothing.
    /// </summary>
    private static async Task<int> RedriveIntoConsumerAsync(
        ConsumerCatalog consumers, string bootstrapServers, string name, ReplayFilter filter, long? fromOffset, long? toOffset, bool yes, CancellationToken cancellationToken)
    {
        var (services, pipeline) = consumers.Open(name, ConsumerCatalog.Configuration(bootstrapServers));
        await using (services)
        {
            if (!yes && !AnsiConsole.Confirm($"Apply the selected parked records in '{Markup.Escape(name)}' now?", defaultValue: false))
            {
                return 0;
            }

            var summary = await DeadLetterOperations.RedriveIntoConsumerAsync(bootstrapServers, pipeline, filter, fromOffset, toOffset, cancellationToken);
            ReplaySummaryTable.Write(summary, dryRun: false);
            return summary.Completed ? 0 : (int)ReplayExitCode.Cancelled;
        }
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
