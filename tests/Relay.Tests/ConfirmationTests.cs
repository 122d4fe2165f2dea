namespace Relay.Tests;

/// <summary>
/// The slot's confirmed_flush_lsn never passes a transaction Kafka has not acknowledged: with
/// Kafka unreachable the relay streams and produces into its local queue, yet the slot stays
/// behind the outbox transaction, and heartbeats behind it cannot be confirmed either. Then, with
/// Kafka back (a new relay), the same events arrive. That is what makes the relay at-least-once.
/// </summary>
[Parallelizable]
public class ConfirmationTests
{
    [Test]
    public async Task an_lsn_is_not_confirmed_before_kafka_acknowledged_the_transaction()
    {
        await using var scenario = await RelayScenario.CreateAsync("noack");
        var settings = scenario.Settings();
        settings["Relay:BootstrapServers"] = "127.0.0.1:9"; // nothing listens: no acknowledgement ever
        await using (var relay = await RelayInstance.StartAsync(settings))
        {
            await relay.WaitUntilStreamingAsync();
            var events = scenario.Events(10);
            var beforeInsert = await scenario.ScalarAsync<string>("SELECT pg_current_wal_insert_lsn()::text");
            await Outbox.InsertCommittedAsync(scenario.ConnectionString, events);

            // Heartbeats (every 200 ms) flow after the transaction; were anything confirmed
            // without an ack, the slot would pass beforeInsert within a few intervals.
            var walAfter = await scenario.ScalarAsync<string>("SELECT pg_current_wal_insert_lsn()::text");
            await Eventually.WaitAsync(async () => await scenario.ScalarAsync<bool>(
                "SELECT pg_current_wal_insert_lsn() > $1::pg_lsn + 1000", walAfter), "heartbeats to be written after the transaction", TimeSpan.FromSeconds(10));
            // A heartbeat between the insert and its commit may be confirmed (the server skips only
            // transactions whose commit precedes confirmed_flush_lsn); the commit itself must not be.
            var confirmed = await scenario.ScalarAsync<string>(
                "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = $1", scenario.SlotName);
            Assert.That(await scenario.ScalarAsync<bool>("SELECT $1::pg_lsn < $2::pg_lsn", confirmed, walAfter), Is.True,
                $"confirmed_flush_lsn {confirmed} passed an unacknowledged transaction (inserted after {beforeInsert}, committed before {walAfter})");
            await relay.StopAsync();
        }

        await scenario.StartRelayAsync();
        var ids = (await scenario.ScalarAsync<string[]>("SELECT array_agg(id::text) FROM outbox")).ToHashSet();
        await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, ids), TimeSpan.FromSeconds(30));
    }
}
