using System.Globalization;
using System.Net;
using System.Text;
using Bench.Reporting;

namespace Bench.Suite;

/// <summary>
/// report.html: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with
/// the machine facts, a bar per targeted figure showing how far it got toward its target, the
/// latency percentiles side by side, the full table and the steps. Written as well-formed XML
/// (XHTML syntax), so a test can parse it.
/// </summary>
public static class HtmlReport
{
    private const int Width = 1150;
    private const int Label = 560;
    private const int RowHeight = 22;

    /// <summary>The page for <paramref name="result"/>.</summary>
    public static string Render(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\" />");
        html.AppendLine($"<title>Platform benchmarks {E(result.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
            + "td.n{text-align:right}.yes{color:#176d2c;font-weight:bold}.no{color:#b3261e;font-weight:bold}svg text{font-size:12px}</style></head><body>");
        html.AppendLine($"<h1>Platform benchmarks ({E(result.Mode)})</h1>");
        html.AppendLine($"<p>{E(result.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC, {E((result.Seconds / 60).ToString("0", CultureInfo.InvariantCulture))} min; command <code>{E(result.Command)}</code>. "
            + "Figures from a shared machine are noisy: compare runs, not single numbers.</p>");
        html.AppendLine("<h2>Machine</h2><table>");
        foreach (var (name, value) in result.Machine)
        {
            html.AppendLine($"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>");
        }

        html.AppendLine("</table>");
        html.AppendLine("<h2>Against targets</h2><p>Bar: how far each figure got toward its target (1 = exactly on target; for upper limits, limit / value). Capped at 3.</p>");
        html.AppendLine(TargetChart([.. result.Records.Where(r => r.Progress is not null || r.Met is not null)]));
        html.AppendLine("<h2>Latency percentiles (ms)</h2>");
        html.AppendLine(LatencyChart(result.Records));
        html.AppendLine("<h2>All figures</h2><table><tr><th>group</th><th>figure</th><th>value</th><th>baseline or limit</th><th>ratio</th><th>target</th><th>met</th><th>note</th></tr>");
        foreach (var r in result.Records)
        {
            var met = Formatting.Met(r);
            html.AppendLine($"<tr><td>{E(r.Group)}</td><td>{E(r.Figure)}</td><td class=\"n\">{E(Formatting.Value(r))}</td><td>{E(Formatting.Reference(r))}</td>"
                + $"<td class=\"n\">{E(Formatting.Ratio(r))}</td><td>{E(r.Target ?? "-")}</td><td class=\"{met}\">{met}</td><td>{E(r.Note ?? "")}</td></tr>");
        }

        html.AppendLine("</table><h2>Steps</h2><table><tr><th>step</th><th>command</th><th>status</th><th>seconds</th><th>figures</th><th>log</th></tr>");
        foreach (var s in result.Steps)
        {
            html.AppendLine($"<tr><td>{E(s.Name)}</td><td><code>{E(s.Command)}</code></td><td>{E(s.Status)}</td><td class=\"n\">{E(Formatting.Number(s.Seconds))}</td>"
                + $"<td class=\"n\">{s.Records}</td><td>{E(s.Log)}</td></tr>");
        }

        html.AppendLine("</table></body></html>");
        return html.ToString();
    }

    private static string TargetChart(IReadOnlyList<BenchRecord> records)
    {
        const double Cap = 3;
        var plot = Width - Label - 20;
        var svg = Svg(records.Count);
        var one = Label + (plot / Cap);
        foreach (var (r, i) in records.Select((r, i) => (r, i)))
        {
            var y = (i * RowHeight) + 4;
            var progress = Math.Clamp(r.Progress ?? 0, 0, Cap);
            svg.AppendLine(Text(Label - 6, y + 13, $"{r.Figure}: {Formatting.Value(r)}", "end"));
            svg.AppendLine(F($"<rect x=\"{Label}\" y=\"{y}\" width=\"{progress / Cap * plot:0.#}\" height=\"{RowHeight - 6}\" fill=\"{(r.Met == true ? "#4caf50" : "#e57373")}\"><title>{E($"{r.Figure}: {Formatting.Value(r)}, target {r.Target}")}</title></rect>"));
        }

        svg.AppendLine(F($"<line x1=\"{one:0.#}\" y1=\"0\" x2=\"{one:0.#}\" y2=\"{records.Count * RowHeight}\" stroke=\"#222\" stroke-dasharray=\"4 3\" />"));
        svg.AppendLine(Text(one + 4, (records.Count * RowHeight) + 14, "target", "start"));
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Records in ms whose figures end in p50/p95/p99, one row of three bars per distribution, on a shared log scale.</summary>
    private static string LatencyChart(IReadOnlyList<BenchRecord> records)
    {
        var series = records
            .Where(r => r.Unit == "ms" && double.IsFinite(r.Value) && r.Value > 0 && r.Figure.Length > 4 && r.Figure[^4..] is " p50" or " p95" or " p99")
            .GroupBy(r => r.Figure[..^4])
            .ToList();
        if (series.Count == 0)
        {
            return "<p>No latency figures.</p>";
        }

        var max = Math.Log10(Math.Max(10, series.SelectMany(g => g).Max(r => r.Value)) * 1.2);
        var plot = Width - Label - 110; // room for the value after the longest bar
        var svg = Svg(series.Count * 3);
        var colours = new Dictionary<string, string>(StringComparer.Ordinal) { ["p50"] = "#64b5f6", ["p95"] = "#1e88e5", ["p99"] = "#0d47a1" };
        var row = 0;
        foreach (var group in series)
        {
            svg.AppendLine(Text(Label - 6, (row * RowHeight) + 17, group.Key, "end"));
            foreach (var r in group)
            {
                var y = (row * RowHeight) + 4;
                var p = r.Figure[^3..];
                // Log scale from 0.1 ms, so 1 ms and 200 ms both stay readable.
                var width = Math.Max(1, (Math.Log10(r.Value) + 1) / (max + 1) * plot);
                svg.AppendLine(F($"<rect x=\"{Label}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{RowHeight - 6}\" fill=\"{colours[p]}\" />"));
                svg.AppendLine(Text(Label + width + 4, y + 13, $"{p} {Formatting.Number(r.Value)} ms", "start"));
                row++;
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Svg(int rows) =>
        new StringBuilder().AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{(rows * RowHeight) + 24}\" role=\"img\">"));

    private static string Text(double x, double y, string text, string anchor) =>
        F($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\">{E(text)}</text>");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
