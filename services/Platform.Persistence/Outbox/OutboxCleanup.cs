using Npgsql;

namespace Platform.Persistence.Outbox;

/// <summary>
/// Makes the outbox table follow the configured <see cref="OutboxCleanupMode"/>: attaches or
/// detaches the insert-then-delete trigger, and keeps the relay-order index only where a row can
/// be read back (the polling relay, the Retain-mode purge and re-emit use it). In
/// DeleteAfterInsert mode every row is deleted by the transaction that wrote it, so maintaining
/// that index would cost each event one more index entry, dead at once, for nobody.
/// </summary>
public static class OutboxCleanup
{
    private const string TriggerName = "outbox_delete_after_insert";

    // Whether the delete trigger is attached, from the catalogs alone (no lock on the table).
    private const string TriggerAttached = $"EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '{TriggerName}' AND tgrelid = 'outbox'::regclass)";

    // Replicas of one service starting together run this at the same moment; DDL with IF [NOT]
    // EXISTS is not race-free by itself, so every start takes the same transaction-scoped lock
    // first (the statements run as one implicit transaction).
    private const string Serialize = "SELECT pg_advisory_xact_lock(hashtextextended('platform.outbox_cleanup', 0))";

    /// <summary>
    /// Makes the database follow <paramref name="mode"/>; idempotent, run at start after
    /// migrations. A start that finds the table as configured changes nothing and takes no lock on
    /// it: the DDL (CREATE OR REPLACE TRIGGER takes a SHARE ROW EXCLUSIVE lock, DROP TRIGGER an
    /// ACCESS EXCLUSIVE one, CREATE INDEX a SHARE one, even when there is nothing to do) waits for
    /// every transaction writing the outbox and queues every new one behind it, so running it on
    /// each start would stall the other replicas' writes whenever one restarts.
    /// </summary>
    public static async Task ApplyAsync(string connectionString, OutboxCleanupMode mode, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (await IsAsConfiguredAsync(connection, mode, cancellationToken))
        {
            return;
        }

        // Building the index in Retain mode is instant after DeleteAfterInsert (the table holds no
        // live rows) and a no-op when it exists.
        var sql = mode == OutboxCleanupMode.DeleteAfterInsert
            ? $"""
               {Serialize};
               CREATE OR REPLACE TRIGGER {TriggerName} AFTER INSERT ON outbox
                   REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION outbox_delete_inserted();
               DROP INDEX IF EXISTS {OutboxMigrations.RelayOrderIndexName};
               """
            : $"""
               {Serialize};
               DROP TRIGGER IF EXISTS {TriggerName} ON outbox;
               CREATE INDEX IF NOT EXISTS {OutboxMigrations.RelayOrderIndexName} ON outbox {OutboxMigrations.RelayOrderIndexKey};
               """;
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // From the catalogs alone: no lock on the outbox table.
    private static async Task<bool> IsAsConfiguredAsync(NpgsqlConnection connection, OutboxCleanupMode mode, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {TriggerAttached}, to_regclass('{OutboxMigrations.RelayOrderIndexName}') IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (trigger, index) = (reader.GetBoolean(0), reader.GetBoolean(1));
        return mode == OutboxCleanupMode.DeleteAfterInsert ? trigger && !index : !trigger && index;
    }

    /// <summary>True when rows are deleted in their inserting transaction (so only a CDC relay can see them).</summary>
    public static async Task<bool> IsDeleteAfterInsertAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand($"SELECT {TriggerAttached}", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
