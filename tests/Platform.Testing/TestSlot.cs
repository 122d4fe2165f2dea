using Npgsql;

namespace Platform.Testing;

/// <summary>
/// A pgoutput logical slot of a test's own whose restart_lsn is strictly below its confirmed_flush_lsn:
/// a transaction stays open (so the slot must keep WAL from its start) while the slot is advanced past
/// later commits. Disposing ends the transaction and drops the slot.
/// </summary>
public sealed class TestSlot : IAsyncDisposable
{
    private readonly NpgsqlConnection _open;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _connectionString;

    private TestSlot(string connectionString, string name, NpgsqlConnection open, NpgsqlTransaction transaction)
    {
        _connectionString = connectionString;
        Name = name;
        _open = open;
        _transaction = transaction;
    }

    /// <summary>The slot name.</summary>
    public string Name { get; }

    /// <summary>Creates the slot in the database of <paramref name="connectionString"/>.</summary>
    public static async Task<TestSlot> CreateAsync(string connectionString, string name)
    {
        await TestPostgres.RequireLogicalReplicationAsync();
        await ExecuteAsync(connectionString, "CREATE TABLE IF NOT EXISTS test_slot_probe (v int)");
        // Created before the open transaction: creating a slot waits for running transactions to end.
        await ExecuteAsync(connectionString, $"SELECT pg_create_logical_replication_slot('{name}', 'pgoutput')");
        var open = new NpgsqlConnection(connectionString);
        await open.OpenAsync();
        var transaction = await open.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO test_slot_probe VALUES (1)", open, transaction))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await ExecuteAsync(connectionString, "INSERT INTO test_slot_probe VALUES (2)");
        await ExecuteAsync(connectionString, $"SELECT pg_replication_slot_advance('{name}', pg_current_wal_lsn())");
        return new TestSlot(connectionString, name, open, transaction);
    }

    /// <summary>restart_lsn and confirmed_flush_lsn of the slot now, as PostgreSQL prints them.</summary>
    public async Task<(string RestartLsn, string ConfirmedFlushLsn)> PositionsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT restart_lsn::text, confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Ends the open transaction and drops the slot.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _open.DisposeAsync();
        await ExecuteAsync(_connectionString, $"SELECT pg_drop_replication_slot('{Name}')");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
