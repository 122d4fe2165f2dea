using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;

namespace Testing.Tests;

/// <summary>
/// The PostgreSQL fixture gives each test its own database on a server that supports logical
/// replication. Covers: a write and read back, and a pgoutput slot that streams a committed
/// insert. Does not cover the relay itself.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PostgresFixtureTests
{
    [Test]
    public async Task each_test_database_is_empty_and_holds_what_the_test_writes()
    {
        await using var db = await TestDatabase.CreateAsync(nameof(each_test_database_is_empty_and_holds_what_the_test_writes));
        await using var connection = await db.OpenAsync();

        await using (var tables = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection))
        {
            Assert.That(await tables.ExecuteScalarAsync(), Is.Zero);
        }

        await using (var write = new NpgsqlCommand("CREATE TABLE note (id int PRIMARY KEY, body text); INSERT INTO note VALUES (1, 'hello')", connection))
        {
            await write.ExecuteNonQueryAsync();
        }

        await using var read = new NpgsqlCommand("SELECT body FROM note WHERE id = 1", connection);
        Assert.That(await read.ExecuteScalarAsync(), Is.EqualTo("hello"));
    }

    [Test]
    public async Task a_pgoutput_slot_streams_a_committed_insert()
    {
        await TestPostgres.RequireLogicalReplicationAsync();
        await using var db = await TestDatabase.CreateAsync("replication");
        var slotName = TestNames.Unique("slot", maxLength: 63).Replace('-', '_');
        await using (var connection = await db.OpenAsync())
        await using (var setup = new NpgsqlCommand("CREATE TABLE note (id int PRIMARY KEY, body text); CREATE PUBLICATION pub_note FOR TABLE note", connection))
        {
            await setup.ExecuteNonQueryAsync();
        }

        await using var replication = new LogicalReplicationConnection(db.ConnectionString);
        await replication.Open();
        var slot = await replication.CreatePgOutputReplicationSlot(slotName, temporarySlot: true);

        await using (var connection = await db.OpenAsync())
        await using (var insert = new NpgsqlCommand("INSERT INTO note VALUES (7, 'streamed')", connection))
        {
            await insert.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? body = null;
        var options = new PgOutputReplicationOptions("pub_note", PgOutputProtocolVersion.V1);
        await foreach (var message in replication.StartReplication(slot, options, timeout.Token))
        {
            if (message is InsertMessage insert)
            {
                var columns = new List<string?>();
                await foreach (var value in insert.NewRow)
                {
                    columns.Add(value.IsDBNull ? null : await value.Get<string>(timeout.Token));
                }

                body = columns[1];
            }

            if (message is CommitMessage)
            {
                replication.SetReplicationStatus(message.WalEnd);
                break;
            }
        }

        Assert.That(body, Is.EqualTo("streamed"));
    }
}
