using Npgsql;

namespace Platform.Relay.Cdc;

/// <summary>
/// Reads a slot's state and turns an invalidated slot into a stop with recovery instructions.
/// The relay never recreates a slot by itself: a fresh slot starts at the current WAL position,
/// so every event between the invalidation and the new slot would be lost without a trace
/// (DBZ-5739 is Debezium losing data exactly that way).
/// </summary>
public static class SlotHealth
{
    /// <summary>The server's error text when a slot was invalidated (PostgreSQL 13+).</summary>
    public const string LostError = "can no longer get changes from replication slot";

    /// <summary>Throws <see cref="RelayFatalException"/> when <paramref name="walStatus"/> (pg_replication_slots.wal_status) is <c>lost</c>.</summary>
    public static void ThrowIfLost(string slotName, string? walStatus)
    {
        if (walStatus == "lost")
        {
            throw new RelayFatalException(LostMessage(slotName));
        }
    }

    /// <summary>True when <paramref name="error"/> is the server saying the slot was invalidated.</summary>
    public static bool IsLostError(PostgresException error) =>
        error?.MessageText.Contains(LostError, StringComparison.Ordinal) == true;

    /// <summary>The operator-facing message for an invalidated slot.</summary>
    public static string LostMessage(string slotName) =>
        $"Replication slot '{slotName}' was invalidated (wal_status = lost): PostgreSQL removed WAL the relay had not " +
        "read yet (max_slot_wal_keep_size). Events committed since the last confirmed position may be missing from Kafka. " +
        "The relay will not recreate the slot by itself. To recover: (1) find the gap (outbox rows, if retained, newer than " +
        "the last relayed event) and re-publish them, or decide to accept the loss; (2) SELECT pg_drop_replication_slot(" +
        $"'{slotName}'); (3) restart the relay, which creates a new slot at the current WAL position " +
        "(see services/Platform.Relay/README.md, 'Slot safety and recovery').";

    /// <summary>Reads <c>wal_status</c> and the retained WAL bytes of the slot; null when the slot does not exist.</summary>
    public static async Task<(string? WalStatus, long LagBytes)?> ReadAsync(NpgsqlConnection connection, string slotName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand("""
            SELECT wal_status, COALESCE((pg_current_wal_lsn() - confirmed_flush_lsn)::bigint, 0)
            FROM pg_replication_slots WHERE slot_name = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = slotName });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1));
    }
}
