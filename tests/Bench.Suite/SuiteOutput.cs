using System.Text;
using System.Text.Json;
using Bench.Reporting;

namespace Bench.Suite;

/// <summary>
/// Writes a run's files into its output folder: <c>results.json</c> (everything), <c>results.md</c>
/// (the table for docs/performance.md) and <c>report.html</c> (self-contained: inline SVG, no scripts).
/// </summary>
public static class SuiteOutput
{
    /// <summary>File names written.</summary>
    public const string Json = "results.json", Markdown = "results.md", Html = "report.html";

    private static readonly JsonSerializerOptions Indented = new(BenchReport.Json) { WriteIndented = true };

    /// <summary>Writes the three files into <paramref name="directory"/> (created if needed).</summary>
    public static void Write(string directory, SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Json), JsonSerializer.Serialize(result, Indented));
        File.WriteAllText(Path.Combine(directory, Markdown), MarkdownTable(result));
        File.WriteAllText(Path.Combine(directory, Html), HtmlReport.Render(result));
    }

    /// <summary>Replaces <paramref name="latest"/> with a copy of <paramref name="directory"/>'s files (a copy, not a link: it survives the run folder being cleaned).</summary>
    public static void CopyToLatest(string directory, string latest)
    {
        if (Directory.Exists(latest))
        {
            Directory.Delete(latest, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(latest, Path.GetRelativePath(directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The figures as a markdown table (figure, value, baseline or limit, ratio, target, met), then the machine facts.</summary>
    public static string MarkdownTable(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine("| figure | value | baseline or limit | ratio | target | met |");
        text.AppendLine("| --- | ---: | --- | ---: | --- | --- |");
        foreach (var r in result.Records)
        {
            text.AppendLine($"| {Cell(r.Figure)} | {Cell(Formatting.Value(r))} | {Cell(Formatting.Reference(r))} | {Formatting.Ratio(r)} | {Cell(r.Target ?? "-")} | {Formatting.Met(r)} |");
        }

        text.AppendLine();
        text.AppendLine($"Command: `{result.Command}`, {result.StartedAt:yyyy-MM-dd HH:mm} UTC, {result.Seconds / 60:0} min.");
        text.AppendLine("Machine: " + string.Join("; ", result.Machine.Select(kv => $"{kv.Key} {kv.Value}")) + ".");
        var failed = result.Steps.Where(s => s.ExitCode != 0).ToList();
        if (failed.Count > 0)
        {
            text.AppendLine("Steps that did not finish: " + string.Join("; ", failed.Select(s => $"{s.Name} ({s.Status})")) + ".");
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
