using Npgsql;
using NpgsqlTypes;

namespace Platform.Operations.Source;

/// <summary>Reads replication slots (the embedded relay's and Debezium's <c>debezium_&lt;db&gt;</c>).</summary>
public static class ReplicationSlots
{
    /// <summary>Every slot of the server, or only <paramref name="slotName"/>; ordered by name.</summary>
    public static async Task<IReadOnlyList<SlotStatus>> ReadAsync(string connectionString, string? slotName, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT slot_name, plugin, database, active, restart_lsn, confirmed_flush_lsn, wal_status,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
            FROM pg_replication_slots WHERE $1::text IS NULL OR slot_name = $1 ORDER BY slot_name
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)slotName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var slots = new List<SlotStatus>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            slots.Add(new SlotStatus(
                reader.GetString(0), Nullable<string>(reader, 1), Nullable<string>(reader, 2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<NpgsqlLogSequenceNumber>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<NpgsqlLogSequenceNumber>(5),
                Nullable<string>(reader, 6), reader.IsDBNull(7) ? null : reader.GetInt64(7), reader.IsDBNull(8) ? null : reader.GetInt64(8)));
        }

        return slots;
    }

    /// <summary>The slot named <paramref name="slotName"/>; <see cref="ReplayExitCode.UnknownTopic"/> when it does not exist.</summary>
    public static async Task<SlotStatus> RequireAsync(string connectionString, string slotName, CancellationToken cancellationToken)
    {
        var slots = await ReadAsync(connectionString, slotName, cancellationToken);
        return slots.Count == 1
            ? slots[0]
            : throw new ReplayException(ReplayExitCode.UnknownTopic, $"No replication slot '{slotName}' on this server (platform relay slot lists them).");
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
