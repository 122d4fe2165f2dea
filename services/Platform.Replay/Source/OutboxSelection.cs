using Npgsql;
using NpgsqlTypes;

namespace Platform.Replay.Source;

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

    /// <summary>The condition on the outbox table, with parameters $1..$4 (<see cref="AddParameters"/>).</summary>
    internal const string Where = """
        "timestamp" >= $1 AND ($2::timestamp IS NULL OR "timestamp" < $2)
        AND (cardinality($3::text[]) = 0 OR aggregateid = ANY($3)) AND (cardinality($4::text[]) = 0 OR type = ANY($4))
        """;

    /// <summary>Checks the selection alone (no database); throws <see cref="ReplayException"/> with <see cref="ReplayExitCode.BadInput"/>.</summary>
    public void Validate()
    {
        if (To is { } end && end <= From)
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"--to {end:O} is not after --from {From:O}.");
        }
    }

    /// <summary>Adds the parameters of <see cref="Where"/> to <paramref name="command"/>.</summary>
    internal void AddParameters(NpgsqlCommand command)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = Utc(From), NpgsqlDbType = NpgsqlDbType.Timestamp });
        command.Parameters.Add(new NpgsqlParameter { Value = To is { } end ? Utc(end) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Timestamp });
        command.Parameters.Add(new NpgsqlParameter { Value = AggregateIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = Types.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    // The outbox column is timestamp WITHOUT time zone holding UTC (OutboxMigrations).
    private static DateTime Utc(DateTimeOffset time) => DateTime.SpecifyKind(time.UtcDateTime, DateTimeKind.Unspecified);
}
