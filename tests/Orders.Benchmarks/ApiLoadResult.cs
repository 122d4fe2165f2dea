using Bench.Reporting;

namespace Orders.Benchmarks;

/// <summary>Result of one API load round: completed orders per second and their latency.</summary>
internal sealed record ApiLoadResult(double OrdersPerSecond, LatencySummary Latency, long Errors, double CpuMillisecondsPerOrder);
