namespace Bench.Reporting;

/// <summary>Nearest-rank percentiles of latency samples: the one definition every benchmark reports with.</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="p"/>-th (0..1) nearest-rank percentile of ascending <paramref name="sorted"/>; NaN when empty.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>p50, p95 and p99 of <paramref name="samples"/> (any order).</summary>
    public static LatencySummary Summarize(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new LatencySummary(sorted.Length, Of(sorted, 0.50), Of(sorted, 0.95), Of(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }
}
