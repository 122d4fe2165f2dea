using Bench.Reporting;

namespace Bench.Suite;

/// <summary>Everything one suite run produced: when, how, on what machine, each step's outcome and every figure.</summary>
public sealed record SuiteResult
{
    /// <summary>Start time, UTC.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock duration of the whole run.</summary>
    public required double Seconds { get; init; }

    /// <summary><c>full</c> or <c>quick</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>The command that made these figures.</summary>
    public required string Command { get; init; }

    /// <summary>Machine facts, by name (cores, memory, OS, runtime, PostgreSQL, librdkafka, load).</summary>
    public required IReadOnlyDictionary<string, string> Machine { get; init; }

    /// <summary>Each step's outcome.</summary>
    public required IReadOnlyList<StepOutcome> Steps { get; init; }

    /// <summary>Every figure, in step order.</summary>
    public required IReadOnlyList<BenchRecord> Records { get; init; }
}
