using Npgsql;
using Platform.Relay;
using Platform.Relay.Cdc;

namespace Relay.Tests;

/// <summary>
/// Slot safety: with an idle outbox on a database that keeps writing elsewhere, heartbeats let
/// the relay confirm past that WAL (confirmed_flush_lsn advances); an invalidated slot
/// (wal_status = lost) stops the relay with recovery instructions, and the slot is left as it
/// is (never silently recreated). The invalidation is made real by lowering
/// max_slot_wal_keep_size on the test server, so that test runs alone.
/// </summary>
public class SlotSafetyTests
{
    [Test]
    [Parallelizable]
    public async Task an_idle_outbox_still_advances_confirmed_flush_lsn_through_heartbeats()
    {
        await using var scenario = await RelayScenario.CreateAsync("heartbeat");
        await scenario.StartRelayAsync();
        await using var connection = await scenario.Database.OpenAsync();
        await using (var noise = new NpgsqlCommand(
            "CREATE TABLE noise (n int); INSERT INTO noise SELECT generate_series(1, 10000)", connection))
        {
            await noise.ExecuteNonQueryAsync();
        }

        var walAfterNoise = await scenario.ScalarAsync<string>("SELECT pg_current_wal_insert_lsn()::text");
        await Eventually.WaitAsync(async () => await scenario.ScalarAsync<bool>(
                "SELECT confirmed_flush_lsn >= $1::pg_lsn FROM pg_replication_slots WHERE slot_name = $2", walAfterNoise, scenario.SlotName),
            "confirmed_flush_lsn to pass WAL written by another table", TimeSpan.FromSeconds(15));
    }

    [Test]
    public void a_lost_wal_status_is_reported_with_recovery_instructions()
    {
        Assert.DoesNotThrow(() => SlotHealth.ThrowIfLost("s", "reserved"));
        Assert.DoesNotThrow(() => SlotHealth.ThrowIfLost("s", "extended"));
        var error = Assert.Throws<RelayFatalException>(() => SlotHealth.ThrowIfLost("orders_slot", "lost"))!;
        Assert.That(error.Message, Does.Contain("orders_slot").And.Contain("pg_drop_replication_slot").And.Contain("re-publish"));
    }

    [Test]
    [NonParallelizable]
    public async Task an_invalidated_slot_stops_the_relay_and_is_not_recreated()
    {
        await using var scenario = await RelayScenario.CreateAsync("lostslot");
        var first = await scenario.StartRelayAsync();
        await first.StopAsync();
        await using var connection = await scenario.Database.OpenAsync();
        try
        {
            await TestSql.ExecuteAsync(connection, "ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'; SELECT pg_reload_conf()");
        }
        catch (PostgresException ex)
        {
            Assert.Ignore($"Cannot lower max_slot_wal_keep_size on this server ({ex.MessageText}); the detection logic is covered by a_lost_wal_status_is_reported_with_recovery_instructions.");
        }

        try
        {
            await TestSql.ExecuteAsync(connection, "CREATE TABLE noise (n int)");
            await Eventually.WaitAsync(async () =>
            {
                // Fill and switch WAL segments, then checkpoint: the server invalidates slots
                // that hold more than max_slot_wal_keep_size.
                await TestSql.ExecuteAsync(connection, "INSERT INTO noise SELECT generate_series(1, 20000); SELECT pg_switch_wal(); CHECKPOINT");
                return await scenario.ScalarAsync<string>("SELECT wal_status FROM pg_replication_slots WHERE slot_name = $1", scenario.SlotName) == "lost";
            }, "the slot to be invalidated", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await TestSql.ExecuteAsync(connection, "ALTER SYSTEM RESET max_slot_wal_keep_size; SELECT pg_reload_conf()");
        }

        var relay = await scenario.StartRelayAsync(waitUntilStreaming: false);
        await Eventually.WaitAsync(() => Task.FromResult(relay.Status.Fatal is not null), "the relay to stop on the lost slot");
        Assert.Multiple(async () =>
        {
            Assert.That(relay.Status.Fatal!.Message, Does.Contain("invalidated").And.Contain("pg_drop_replication_slot"));
            Assert.That(relay.Stopping.IsCancellationRequested, Is.True, "the relay stops its host");
            Assert.That(await scenario.ScalarAsync<string>("SELECT wal_status FROM pg_replication_slots WHERE slot_name = $1", scenario.SlotName),
                Is.EqualTo("lost"), "the slot is left for the operator, not recreated");
        });
        Environment.ExitCode = 0; // the relay set 1 for its process; this process is the test host
    }
}
