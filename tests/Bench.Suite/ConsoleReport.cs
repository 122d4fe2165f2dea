using Spectre.Console;

namespace Bench.Suite;

/// <summary>The suite's one table on the console: figure, value, baseline or limit, ratio, target, met; then the steps.</summary>
public static class ConsoleReport
{
    /// <summary>Prints <paramref name="result"/>.</summary>
    public static void Print(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = new Table().Title($"Platform benchmarks ({result.Mode}), {result.StartedAt:yyyy-MM-dd HH:mm} UTC")
            .AddColumns("group", "figure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("baseline or limit")
            .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn("target").AddColumn("met");
        foreach (var record in result.Records)
        {
            var met = Formatting.Met(record);
            table.AddRow(
                Markup.Escape(record.Group), Markup.Escape(record.Figure), Markup.Escape(Formatting.Value(record)),
                Markup.Escape(Formatting.Reference(record)), Markup.Escape(Formatting.Ratio(record)), Markup.Escape(record.Target ?? "-"),
                record.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => met });
        }

        AnsiConsole.Write(table);
        var steps = new Table().AddColumns("step", "status", "seconds", "figures", "log");
        foreach (var step in result.Steps)
        {
            steps.AddRow(Markup.Escape(step.Name), step.ExitCode == 0 ? "ok" : $"[red]{Markup.Escape(step.Status)}[/]",
                Formatting.Number(step.Seconds), step.Records.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(step.Log));
        }

        AnsiConsole.Write(steps);
        AnsiConsole.MarkupLine(Markup.Escape(string.Join("; ", result.Machine.Select(kv => $"{kv.Key}: {kv.Value}"))));
    }
}
