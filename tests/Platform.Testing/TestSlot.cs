using Npgsql;

namespace Platform.Testing;

/// <summary>
/// A pgoutput logical slot of a test's own whose restart_lsn is strictly below its confirmed_flush_lsn:
/// a transaction stays open (so the slot must keep WAL from its start) while the slot is advanced past
/// later commits, in a database of its own. Disposing ends the transaction, drops the slot, then the database.
/// </summary>
public sealed class TestSlot : IAsyncDisposable
{
    private readonly NpgsqlConnection _open;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _connectionString;

    private TestSlot(TestDatabase database, string name, NpgsqlConnection open, NpgsqlTransaction transaction)
    {
        Database = database;
        _connectionString = database.ConnectionString;
        Name = name;
        _open = open;
        _transaction = transaction;
    }

    /// <summary>The slot's database.</summary>
    public TestDatabase Database { get; }

    /// <summary>The slot name, unique to this test.</summary>
    public string Name { get; }

    /// <summary>Creates a database and the slot in it, both named after <paramref name="purpose"/>.</summary>
    public static async Task<TestSlot> CreateAsync(string purpose)
    {
        await TestPostgres.RequireLogicalReplicationAsync();
        var database = await TestDatabase.CreateAsync(purpose);
        var name = TestNames.Unique(purpose, 63).Replace('-', '_');
        var connectionString = database.ConnectionString;
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
        return new TestSlot(database, name, open, transaction);
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
        await Database.DisposeAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
