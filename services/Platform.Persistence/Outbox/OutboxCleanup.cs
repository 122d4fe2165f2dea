using Npgsql;

namespace Platform.Persistence.Outbox;

/// <summary>Attaches or detaches the insert-then-delete trigger to match the configured <see cref="OutboxCleanupMode"/>.</summary>
public static class OutboxCleanup
{
    private const string TriggerName = "outbox_delete_after_insert";

    /// <summary>Makes the database follow <paramref name="mode"/>; idempotent, run at start after migrations.</summary>
    public static async Task ApplyAsync(string connectionString, OutboxCleanupMode mode, CancellationToken cancellationToken)
    {
        var sql = mode == OutboxCleanupMode.DeleteAfterInsert
            ? $"""
               CREATE OR REPLACE TRIGGER {TriggerName} AFTER INSERT ON outbox
                   REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION outbox_delete_inserted()
               """
            : $"DROP TRIGGER IF EXISTS {TriggerName} ON outbox";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True when rows are deleted in their inserting transaction (so only a CDC relay can see them).</summary>
    public static async Task<bool> IsDeleteAfterInsertAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            $"SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{TriggerName}' AND tgrelid = 'outbox'::regclass)", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
