namespace Relay.Tests;

/// <summary>
/// Restart and takeover: events committed while no relay runs are delivered when one starts
/// (the slot keeps them; the relay resumes at the confirmed LSN); a graceful stop confirms what
/// Kafka acknowledged, so the next relay does not send it again; a second relay waits on the
/// slot lock while the first streams (never two publishers) and takes over when it stops.
/// Crash (SIGKILL) behaviour is CrashTests'.
/// </summary>
[Parallelizable]
public class RestartAndTakeoverTests
{
    [Test]
    public async Task a_restarted_relay_resumes_from_the_confirmed_lsn_without_loss_or_repeats()
    {
        await using var scenario = await RelayScenario.CreateAsync("restart");
        var first = await scenario.StartRelayAsync();
        var batch1 = scenario.Events(200, aggregates: 5);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, batch1);
        var ids1 = batch1.Select(e => e.Id.ToString()).ToHashSet();
        await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, ids1), TimeSpan.FromSeconds(30));
        await first.StopAsync();

        // Committed while no relay runs.
        var batch2 = scenario.Events(200, aggregates: 5, firstSequence: 41);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, batch2);
        await scenario.StartRelayAsync();

        var all = ids1.Union(batch2.Select(e => e.Id.ToString())).ToHashSet();
        var records = await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, all), TimeSpan.FromSeconds(30));
        Assert.That(DeliveryChecks.Duplicates(records), Is.Zero, "a graceful stop confirms everything acknowledged");
        DeliveryChecks.AssertPerAggregateOrder(records);
    }

    [Test]
    public async Task a_second_relay_waits_while_the_first_streams_and_takes_over_when_it_stops()
    {
        await using var scenario = await RelayScenario.CreateAsync("takeover");
        var first = await scenario.StartRelayAsync();
        var second = await scenario.StartRelayAsync(waitUntilStreaming: false);

        // The second relay is blocked on the slot lock, not streaming.
        await Eventually.WaitAsync(async () => await scenario.ScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 1,
            "the second relay to wait on the slot lock");
        Assert.That(second.Status.Streaming, Is.False);

        var before = scenario.Events(100, aggregates: 4);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, before);
        await first.StopAsync();
        await second.WaitUntilStreamingAsync();
        var after = scenario.Events(100, aggregates: 4, firstSequence: 26);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, after);

        var all = before.Concat(after).Select(e => e.Id.ToString()).ToHashSet();
        var records = await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, all), TimeSpan.FromSeconds(30));
        DeliveryChecks.AssertPerAggregateOrder(records);
    }
}
