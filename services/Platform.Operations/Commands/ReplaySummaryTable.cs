using System.Globalization;
using Platform.Operations.Replay;
using Spectre.Console;

namespace Platform.Operations.Commands;

/// <summary>Prints a replay's summary: per topic counts; per event type on a dry run or a delivery into a consumer.</summary>
public static class ReplaySummaryTable
{
    public static void Write(ReplaySummary summary, bool dryRun)
    {
        var table = new Table().Title($"replay {summary.ReplayId}");
        foreach (var column in new[] { "topic", "read", "matched", "applied", "duplicates", "unknown type", "dead-lettered", "published", "skipped" })
        {
            table.AddColumn(column);
        }

        foreach (var (topic, stats) in summary.Topics)
        {
            table.AddRow(new[]
            {
                topic, N(stats.Read), N(stats.Matched), N(stats.Applied), N(stats.Duplicates), N(stats.UnknownType), N(stats.DeadLettered),
                N(stats.Published), N(stats.Skipped),
            }.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
        if (dryRun)
        {
            WriteDryRun(summary);
        }
        else if (summary.Topics.Values.Any(s => s.OutcomesByEventType.Count > 0))
        {
            WriteOutcomes(summary);
        }
    }

    private static void WriteDryRun(ReplaySummary summary)
    {
        var types = new Table().Title("dry run: matched per event type").AddColumn("topic").AddColumn("event type").AddColumn("records");
        foreach (var (topic, stats) in summary.Topics)
        {
            foreach (var (type, count) in stats.ByEventType.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                types.AddRow(Markup.Escape(topic), Markup.Escape(type), N(count));
            }
        }

        AnsiConsole.Write(types);
    }

    private static void WriteOutcomes(ReplaySummary summary)
    {
        var types = new Table().Title("consumer: outcome per event type");
        foreach (var column in new[] { "topic", "event type", "applied", "duplicates", "unknown type", "dead-lettered" })
        {
            types.AddColumn(column);
        }

        foreach (var (topic, stats) in summary.Topics)
        {
            foreach (var (type, counts) in stats.OutcomesByEventType.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                types.AddRow(Markup.Escape(topic), Markup.Escape(type), N(counts.Applied), N(counts.Duplicates), N(counts.UnknownType), N(counts.DeadLettered));
            }
        }

        AnsiConsole.Write(types);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
