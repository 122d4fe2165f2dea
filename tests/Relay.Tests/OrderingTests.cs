namespace Relay.Tests;

/// <summary>
/// Per-aggregate order with concurrent writers: 8 writers commit 4,000 events over 100
/// aggregates, each aggregate's events in sequence order (a writer owns an aggregate at a time,
/// as optimistic concurrency makes services do), with transactions from different writers
/// interleaving in the WAL. Every event arrives and each aggregate's events sit in its partition
/// in sequence order. Does not cover crashes (see CrashTests).
/// </summary>
[Parallelizable]
public class OrderingTests
{
    [Test]
    public async Task concurrent_writers_events_arrive_complete_and_in_order_per_aggregate()
    {
        await using var scenario = await RelayScenario.CreateAsync("ordering");
        await scenario.StartRelayAsync();
        const int aggregates = 100, perAggregate = 40;
        var ids = await ConcurrentWriters.WriteAsync(scenario, writers: 8, aggregates, perAggregate, maxPerTransaction: 3);

        var records = await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, ids), TimeSpan.FromSeconds(60));
        Assert.That(ids, Has.Count.EqualTo(aggregates * perAggregate));
        DeliveryChecks.AssertPerAggregateOrder(records);
    }
}
