using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Outbox;

/// <summary>
/// The time below which Retain-mode purges may have deleted outbox rows. It only moves forward,
/// and is written before the rows below it are deleted, so it never claims a row is still there
/// that was purged.
/// </summary>
public static class OutboxPurgeHorizon
{
    /// <summary>The one-row table that holds the horizon (migration <c>outbox-0002-purge-horizon</c>).</summary>
    public const string Table = "outbox_purge_horizon";

    /// <summary>Moves the horizon up to <paramref name="purgedBefore"/> (UTC, unspecified kind); never back.</summary>
    public static async Task RecordAsync(NpgsqlConnection connection, DateTime purgedBefore, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Table} (singleton, purged_before) VALUES (true, $1)
            ON CONFLICT (singleton) DO UPDATE SET purged_before = GREATEST({Table}.purged_before, EXCLUDED.purged_before)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = purgedBefore, NpgsqlDbType = NpgsqlDbType.Timestamp });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The horizon (UTC), or null when no purge ever ran.</summary>
    public static async Task<DateTime?> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT purged_before FROM {Table}", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime horizon ? DateTime.SpecifyKind(horizon, DateTimeKind.Utc) : null;
    }
}
