using Platform.Operations;
namespace Platform.Operations.Replay;

/// <summary>What to replay and where to.</summary>
public sealed record ReplayRequest
{
    /// <summary>Source topics.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>Partitions to read (of every source topic); empty = all.</summary>
    public IReadOnlyCollection<int> Partitions { get; init; } = [];

    /// <summary>First offset to read (inclusive), per partition.</summary>
    public long? FromOffset { get; init; }

    /// <summary>Last offset to read (inclusive), per partition.</summary>
    public long? ToOffset { get; init; }

    /// <summary>Start time (inclusive), resolved with offsets-for-times.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>End time (exclusive), resolved with offsets-for-times.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Which records to deliver.</summary>
    public ReplayFilter Filter { get; init; } = ReplayFilter.All;

    /// <summary>Count only: nothing is produced, applied or written (not even the checkpoint).</summary>
    public bool DryRun { get; init; }

    /// <summary>Delivered events per second at most; null = as fast as possible.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>Checkpoint file: where a rerun continues; null = none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>
    /// The replay horizon: a range whose first record is older than this is refused
    /// (<see cref="ReplayExitCode.BeyondInboxRetention"/>) before anything is delivered; null = no horizon.
    /// </summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Checks the request alone (no cluster); throws <see cref="ReplayException"/> with <see cref="ReplayExitCode.BadInput"/>.</summary>
    public void Validate()
    {
        static void Fail(string message) => throw new ReplayException(ReplayExitCode.BadInput, message);
        if (Topics.Count == 0)
        {
            Fail("Give at least one source topic.");
        }

        if (FromOffset < 0 || ToOffset < 0)
        {
            Fail("Offsets cannot be negative.");
        }

        if (FromOffset is { } first && ToOffset is { } last && last < first)
        {
            Fail($"The end offset {last} is before the start offset {first}.");
        }

        if (From is { } start && To is { } end && end <= start)
        {
            Fail($"The end time {end:O} is not after the start time {start:O}.");
        }

        if ((FromOffset is not null || ToOffset is not null) && (From is not null || To is not null))
        {
            Fail("Give an offset range or a time range, not both.");
        }

        if (RatePerSecond is <= 0)
        {
            Fail("The rate must be positive.");
        }
    }
}
