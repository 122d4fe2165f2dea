using Platform.Persistence.Outbox;

namespace Relay.Tests;

/// <summary>
/// The outbox follows its cleanup mode at each start: DeleteAfterInsert attaches the delete trigger
/// and drops the relay-order index (no row survives its transaction to be read in that order);
/// Retain detaches the trigger and builds the index again. Real PostgreSQL.
/// </summary>
public sealed class OutboxCleanupTests
{
    private const string RelayOrderIndex = "outbox_relay_order_idx";

    // One outbox row, as a service's save writes it.
    private const string Insert =
        """INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, "timestamp", sequence) VALUES (gen_random_uuid(), 'order', 'o-1', 'OrderPlaced', '\x00', now() AT TIME ZONE 'utc', 1)""";

    [Test]
    public async Task delete_after_insert_drops_the_relay_order_index_and_retain_builds_it_again()
    {
        await using var scenario = await RelayScenario.CreateAsync("cleanup_index", OutboxCleanupMode.DeleteAfterInsert, requireLogical: false);
        var inDeleteMode = await IndexesAsync(scenario.ConnectionString);

        await OutboxCleanup.ApplyAsync(scenario.ConnectionString, OutboxCleanupMode.Retain, CancellationToken.None);
        var inRetainMode = await IndexesAsync(scenario.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(inDeleteMode.Keys, Does.Not.Contain(RelayOrderIndex));
            Assert.That(inRetainMode.Keys, Does.Contain(RelayOrderIndex));
            Assert.That(inRetainMode.GetValueOrDefault(RelayOrderIndex), Does.EndWith("(\"timestamp\", aggregatetype, aggregateid, sequence)"));
        });
    }

    /// <summary>Starts of several replicas at once, in either mode, all succeed (the DDL is serialized), and the last mode wins.</summary>
    [Test]
    public async Task concurrent_starts_in_either_mode_all_succeed()
    {
        await using var scenario = await RelayScenario.CreateAsync("cleanup_concurrent", OutboxCleanupMode.DeleteAfterInsert, requireLogical: false);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            OutboxCleanup.ApplyAsync(scenario.ConnectionString, i % 2 == 0 ? OutboxCleanupMode.Retain : OutboxCleanupMode.DeleteAfterInsert, CancellationToken.None)));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            OutboxCleanup.ApplyAsync(scenario.ConnectionString, OutboxCleanupMode.Retain, CancellationToken.None)));

        await using var connection = new Npgsql.NpgsqlConnection(scenario.ConnectionString);
        await connection.OpenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await OutboxCleanup.IsDeleteAfterInsertAsync(connection, CancellationToken.None), Is.False);
            Assert.That((await IndexesAsync(scenario.ConnectionString)).Keys, Does.Contain(RelayOrderIndex));
        });
    }

    /// <summary>
    /// A restart must not stall the other replicas: with the table already in its mode, the start
    /// runs no DDL, so it neither waits for a transaction writing the outbox nor queues new ones
    /// behind it (DROP TRIGGER IF EXISTS alone would wait for the ACCESS EXCLUSIVE lock).
    /// </summary>
    [TestCase(OutboxCleanupMode.Retain)]
    [TestCase(OutboxCleanupMode.DeleteAfterInsert)]
    public async Task a_start_that_finds_its_mode_in_place_does_not_wait_for_a_transaction_writing_the_outbox(OutboxCleanupMode mode)
    {
        await using var scenario = await RelayScenario.CreateAsync("cleanup_nolock_" + mode.ToString().ToLowerInvariant(), mode, requireLogical: false);
        await using var writer = new Npgsql.NpgsqlConnection(scenario.ConnectionString);
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand(Insert, writer, transaction))
        {
            await insert.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.That(async () => await OutboxCleanup.ApplyAsync(scenario.ConnectionString, mode, timeout.Token), Throws.Nothing,
            "the start waited for the open transaction on the outbox");
    }

    /// <summary>
    /// After a vacuum has truncated the empty outbox to no pages, a session's first insert plans
    /// the trigger's DELETE and keeps that plan: it must look the inserted rows up by key, not
    /// read the whole table on every later insert (which grows with the dead rows of the other
    /// transactions until the next vacuum).
    /// </summary>
    [Test]
    public async Task delete_after_insert_finds_the_inserted_rows_by_key_after_a_vacuum_has_emptied_the_table()
    {
        const int inserts = 200;
        await using var scenario = await RelayScenario.CreateAsync("cleanup_by_key", OutboxCleanupMode.DeleteAfterInsert, requireLogical: false);
        await using var connection = new Npgsql.NpgsqlConnection(scenario.ConnectionString);
        await connection.OpenAsync();
        await TestSql.ExecuteAsync(connection, Insert);
        await TestSql.ExecuteAsync(connection, "VACUUM (ANALYZE) outbox");
        var before = await ScansAsync(connection);

        for (var i = 0; i < inserts; i++)
        {
            await TestSql.ExecuteAsync(connection, Insert);
        }

        var after = await ScansAsync(connection);
        var left = (await TestSql.QueryAsync(scenario.ConnectionString, "SELECT count(*) FROM outbox", r => r.GetInt64(0))).Single();
        var (sequential, byIndex) = (after.Sequential - before.Sequential, after.ByIndex - before.ByIndex);

        Assert.Multiple(() =>
        {
            Assert.That(left, Is.Zero, "every inserted row is deleted in its transaction");
            Assert.That(sequential, Is.Zero, "the trigger read the whole outbox to find the rows it inserted");
            Assert.That(byIndex, Is.GreaterThanOrEqualTo(inserts));
        });
    }

    // The outbox's scan counters, with this session's own counts flushed to the shared statistics
    // first (they would otherwise reach them up to a second later).
    private static async Task<(long Sequential, long ByIndex)> ScansAsync(Npgsql.NpgsqlConnection connection)
    {
        await TestSql.ExecuteAsync(connection, "SELECT pg_stat_force_next_flush()");
        await TestSql.ExecuteAsync(connection, "SELECT pg_stat_clear_snapshot()");
        await using var command = new Npgsql.NpgsqlCommand("SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'outbox'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<Dictionary<string, string>> IndexesAsync(string connectionString) =>
        (await TestSql.QueryAsync(connectionString, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'outbox'",
            r => (Name: r.GetString(0), Definition: r.GetString(1)))).ToDictionary(i => i.Name, i => i.Definition);
}
