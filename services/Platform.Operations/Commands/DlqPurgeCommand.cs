using System.CommandLine;
using System.Globalization;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.DeadLetters;
using Spectre.Console;

namespace Platform.Operations.Commands;

/// <summary><c>platform dlq purge</c>: Kafka DeleteRecords below an offset of <c>{consumer}.dlq</c>; the logic is <see cref="DeadLetterPurge"/>.</summary>
public static class DlqPurgeCommand
{
    public static Command Create()
    {
        var consumer = new Option<string>("--consumer") { Description = "Consumer whose {consumer}.dlq topic to purge.", Required = true };
        var servers = new Option<string?>("--bootstrap-servers") { Description = "Kafka bootstrap servers (else Kafka__BootstrapServers)." };
        var toOffset = new Option<long>("--to-offset") { Description = "Last dlq offset to delete, inclusive, in each partition.", Required = true };
        var partition = new Option<int?>("--partition") { Description = "Only this dlq partition (default: all)." };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var purge = new Command("purge", "Delete parked records up to an offset (Kafka DeleteRecords: everything below it, selected or not).")
        {
            consumer, servers, toOffset, partition, yes,
        };
        purge.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            // Bad input is refused before the question, so nothing is asked that cannot be done.
            var bootstrapServers = CliKafka.BootstrapServers(r.GetValue(servers));
            DeadLetterPurge.RequireValidOffset(r.GetValue(toOffset));
            var topic = DeadLetterHeaders.TopicFor(r.GetValue(consumer)!);
            var where = r.GetValue(partition) is { } only ? $"partition {only}" : "every partition";
            var last = r.GetValue(toOffset).ToString(CultureInfo.InvariantCulture);
            if (!r.GetValue(yes) && !AnsiConsole.Confirm($"Delete every record of {topic} up to offset {last} in {where}? This cannot be undone.", defaultValue: false))
            {
                return 0;
            }

            var purged = await DeadLetterPurge.PurgeAsync(bootstrapServers, r.GetValue(consumer)!, r.GetValue(toOffset), r.GetValue(partition), token);
            var table = new Table().AddColumns("partition", "old low watermark", "new low watermark");
            foreach (var p in purged)
            {
                table.AddRow(N(p.Partition), N(p.OldLowWatermark), N(p.NewLowWatermark));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return purge;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
