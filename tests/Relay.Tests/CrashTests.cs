namespace Relay.Tests;

/// <summary>
/// The relay as a separate process, SIGKILLed at random points (each while it streams) while 20,000 events over 100
/// aggregates are committed by concurrent writers, and restarted each time. Every committed
/// event reaches Kafka at least once, each aggregate's first occurrences are in sequence order,
/// and duplicates stay bounded by what a 200 ms confirm interval leaves unconfirmed per crash.
/// Also: the process refuses a bad setting with exit code 2, naming it.
/// </summary>
[Parallelizable]
public class CrashTests
{
    private const int Events = 20_000;
    private const int Aggregates = 100;

    [Test]
    public async Task sigkilled_relays_lose_nothing_keep_per_aggregate_order_and_bound_duplicates()
    {
        await using var scenario = await RelayScenario.CreateAsync("crash");
        var settings = scenario.Settings();
        settings["Relay:ConfirmInterval"] = "00:00:00.2";
        var random = new Random(20_000);
        var relay = RelayProcess.Start(settings);
        var kills = 0;
        int? walsender = null;
        long produced = 0;
        try
        {
            // The first relay creates the slot; events committed before it exists would not be in the slot.
            await Eventually.WaitAsync(async () => await scenario.ScalarAsync<long>(
                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = $1", scenario.SlotName) == 1, "the slot", TimeSpan.FromSeconds(60));
            var writing = ConcurrentWriters.WriteAsync(scenario, writers: 4, Aggregates, Events / Aggregates, maxPerTransaction: 10, TimeSpan.FromMilliseconds(12));
            while (!writing.IsCompleted)
            {
                // Kill only a relay that streams (a NEW walsender holds the slot; a killed one's stays
                // active until the server notices the closed socket) and that has produced records
                // of its own, at a random moment after that.
                await Eventually.WaitAsync(async () =>
                {
                    var pid = await scenario.ScalarAsync<int?>(
                        "SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1", scenario.SlotName);
                    return writing.IsCompleted || (pid is not null && pid != walsender && TopicReader.Count(scenario.Topic) > produced);
                }, "the restarted relay to produce", TimeSpan.FromSeconds(60));
                if (writing.IsCompleted)
                {
                    break;
                }

                walsender = await scenario.ScalarAsync<int?>("SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1", scenario.SlotName);
                await Task.Delay(random.Next(0, 400));
                relay.KillHard();
                produced = TopicReader.Count(scenario.Topic);
                kills++;
                relay.Dispose();
                relay = RelayProcess.Start(settings);
            }

            var ids = await writing;
            var records = await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, ids), TimeSpan.FromSeconds(120));
            var duplicates = DeliveryChecks.Duplicates(records);
            await TestContext.Out.WriteLineAsync($"{Events} events, {kills} SIGKILLs, {records.Count} records, {duplicates} duplicates");
            Assert.That(ids, Has.Count.EqualTo(Events));
            Assert.That(kills, Is.GreaterThanOrEqualTo(3), "the writes should span several relay lifetimes");
            DeliveryChecks.AssertPerAggregateOrder(records);
            Assert.That(duplicates, Is.LessThanOrEqualTo(kills * 4000), "duplicates bounded by the confirm interval per crash");
        }
        catch
        {
            await TestContext.Out.WriteLineAsync("Relay output:" + Environment.NewLine + relay.Output);
            throw;
        }
        finally
        {
            relay.Dispose();
        }
    }

    [Test]
    public async Task the_relay_process_refuses_a_bad_setting_with_a_message_naming_it()
    {
        using var relay = RelayProcess.Start(new Dictionary<string, string?>
        {
            ["Relay:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Relay:BootstrapServers"] = "127.0.0.1:1",
            ["Relay:SlotName"] = "Not Valid",
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await relay.WaitForExitAsync(timeout.Token);
        Assert.Multiple(() =>
        {
            Assert.That(relay.ExitCode, Is.EqualTo(2));
            Assert.That(relay.Output, Does.Contain("Relay:SlotName must match [a-z0-9_]{1,63}"));
        });
    }
}
