namespace Bench.Reporting;

/// <summary>A latency distribution in milliseconds.</summary>
/// <param name="Count">Samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Largest sample.</param>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    /// <summary>Info records for p50, p95 and p99 of <paramref name="figure"/> (e.g. <c>relay CDC commit-to-ack</c>).</summary>
    public IEnumerable<BenchRecord> Records(string group, string figure, string? note = null) =>
    [
        BenchRecord.Info(group, figure + " p50", P50, "ms", note),
        BenchRecord.Info(group, figure + " p95", P95, "ms", note),
        BenchRecord.Info(group, figure + " p99", P99, "ms", note),
    ];
}
