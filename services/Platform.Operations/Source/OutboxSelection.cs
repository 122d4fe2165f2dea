using Platform.Persistence.Outbox;

namespace Platform.Operations.Source;

/// <summary>Which retained outbox rows a re-emit selects: a time range, and optionally aggregate ids and event types.</summary>
public sealed record OutboxSelection
{
    /// <summary>First event time, inclusive (the row's <c>timestamp</c>, UTC).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>End event time, exclusive; null = up to now.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only these aggregate ids (the Kafka keys); empty = all.</summary>
    public IReadOnlySet<string> AggregateIds { get; init; } = new HashSet<string>();

    /// <summary>Only these event types; empty = all.</summary>
    public IReadOnlySet<string> Types { get; init; } = new HashSet<string>();

    /// <summary>The rows selected, as the outbox store reads them.</summary>
    public OutboxRange Range => new(From, To, AggregateIds, Types);

    /// <summary>Checks the selection alone (no database); throws <see cref="ReplayException"/> with <see cref="ReplayExitCode.BadInput"/>.</summary>
    public void Validate()
    {
        if (To is { } end && end <= From)
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"--to {end:O} is not after --from {From:O}.");
        }
    }
}
