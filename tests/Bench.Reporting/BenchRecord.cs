namespace Bench.Reporting;

/// <summary>
/// One measured figure, as a benchmark program reports it to the suite: the value, what it is
/// compared with (a pgbench baseline or a target limit), the ratio of the two, the target in
/// words and whether it was met. Build one with the factory methods so that ratio, met and
/// progress are computed the same way everywhere.
/// </summary>
public sealed record BenchRecord
{
    /// <summary>Part of the platform measured, e.g. <c>api</c>, <c>relay</c>, <c>consumers</c>.</summary>
    public required string Group { get; init; }

    /// <summary>What was measured, e.g. <c>POST /orders, 8 clients (closed loop)</c>.</summary>
    public required string Figure { get; init; }

    /// <summary>The measurement (NaN when nothing was measured).</summary>
    public required double Value { get; init; }

    /// <summary>Unit of <see cref="Value"/> and <see cref="Reference"/>, e.g. <c>orders/s</c>, <c>ms</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>The baseline or limit the value is compared with, in the same unit; null when none.</summary>
    public double? Reference { get; init; }

    /// <summary>What <see cref="Reference"/> is, e.g. <c>pgbench 8 clients</c> or <c>limit</c>.</summary>
    public string? ReferenceLabel { get; init; }

    /// <summary><see cref="Value"/> / <see cref="Reference"/>; null without a reference.</summary>
    public double? Ratio { get; init; }

    /// <summary>The target in words, e.g. <c>&gt;= 60 % of pgbench</c> or <c>&lt;= 10 ms</c>; null when the figure is informative only.</summary>
    public string? Target { get; init; }

    /// <summary>Whether the target was met; null without a target or without a measurement.</summary>
    public bool? Met { get; init; }

    /// <summary>
    /// How far the figure got toward its target, for the chart: 1 is exactly on target, above 1
    /// is better than needed (for an upper limit: limit / value). Null without a target.
    /// </summary>
    public double? Progress { get; init; }

    /// <summary>Run parameters or caveats worth printing next to the figure.</summary>
    public string? Note { get; init; }

    /// <summary>A figure without a target.</summary>
    public static BenchRecord Info(string group, string figure, double value, string unit, string? note = null) =>
        new() { Group = group, Figure = figure, Value = value, Unit = unit, Note = note };

    /// <summary>A figure that should be at least <paramref name="limit"/> (a throughput).</summary>
    public static BenchRecord AtLeast(string group, string figure, double value, string unit, double limit, string? note = null) =>
        Targeted(group, figure, value, unit, limit, "limit", $">= {Format(limit)} {unit}", value / limit, value >= limit, note);

    /// <summary>A figure that should be at most <paramref name="limit"/> (a latency, a memory size).</summary>
    public static BenchRecord AtMost(string group, string figure, double value, string unit, double limit, string? note = null) =>
        Targeted(group, figure, value, unit, limit, "limit", $"<= {Format(limit)} {unit}", limit / value, value <= limit, note);

    /// <summary>
    /// A figure compared with a baseline measured in the same run (e.g. pgbench), whose ratio
    /// value / baseline should be at least <paramref name="minimumRatio"/>.
    /// </summary>
    public static BenchRecord AgainstBaseline(
        string group, string figure, double value, string unit, double baseline, string baselineLabel, double minimumRatio, string? note = null)
    {
        var ratio = value / baseline;
        return Targeted(group, figure, value, unit, baseline, baselineLabel, $">= {minimumRatio:P0} of {baselineLabel}", ratio / minimumRatio, ratio >= minimumRatio, note);
    }

    private static BenchRecord Targeted(
        string group, string figure, double value, string unit, double reference, string referenceLabel, string target, double progress, bool met, string? note)
    {
        var measured = double.IsFinite(value);
        return new BenchRecord
        {
            Group = group,
            Figure = figure,
            Value = value,
            Unit = unit,
            Reference = reference,
            ReferenceLabel = referenceLabel,
            Ratio = measured && reference != 0 ? value / reference : null,
            Target = target,
            Met = measured ? met : null,
            Progress = measured && double.IsFinite(progress) ? progress : null,
            Note = note,
        };
    }

    private static string Format(double number) => number.ToString(number >= 100 ? "N0" : "0.##", System.Globalization.CultureInfo.InvariantCulture);
}
