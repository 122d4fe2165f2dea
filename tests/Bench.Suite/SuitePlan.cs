namespace Bench.Suite;

/// <summary>
/// What the suite runs, with fixed parameters, so that two runs on the same machine compare.
/// Quick mode runs the same programs with small counts: a smoke test of the whole chain whose
/// figures mean little.
/// </summary>
public static class SuitePlan
{
    /// <summary>The steps, in order (cheapest first: a slow machine reports what it managed).</summary>
    public static IReadOnlyList<SuiteStep> Steps(bool quick, string outputDirectory) =>
    [
        new("hot paths", "HotPaths.Benchmarks", quick ? ["--quick", "--artifacts", Path.Combine(outputDirectory, "hotpaths")] : ["--artifacts", Path.Combine(outputDirectory, "hotpaths")], Minutes(quick, 15)),
        new("api", "Orders.Benchmarks", quick ? ["--clients", "4", "--seconds", "2", "--rounds", "1", "--rate", "50"] : ["--clients", "8,32", "--seconds", "10", "--rate", "400"], Minutes(quick, 10)),
        new("relay", "Relay.Benchmarks", quick ? ["20000", "500", "3"] : ["500000", "2000", "20"], Minutes(quick, 25)),
        new("consumer tally", "Messaging.Benchmarks", quick ? ["2000", "1"] : ["30000", "1"], Minutes(quick, 10)),
        new("consumer tally batched", "Messaging.Benchmarks", quick ? ["2000", "64"] : ["30000", "64"], Minutes(quick, 10)),
        new("consumers per service", "Messaging.Benchmarks", quick ? ["1000", "--service", "all"] : ["30000", "--service", "all"], Minutes(quick, 20)),
        new("end to end", "Saga.Benchmarks", quick ? ["10", "3"] : ["50", "20"], Minutes(quick, 10)),
        new("replay", "Replay.Benchmarks", quick ? ["20000"] : ["200000"], Minutes(quick, 10)),
    ];

    private static TimeSpan Minutes(bool quick, int full) => TimeSpan.FromMinutes(quick ? 5 : full);
}
