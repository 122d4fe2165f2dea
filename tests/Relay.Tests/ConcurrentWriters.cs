namespace Relay.Tests;

/// <summary>
/// Writers committing concurrently, each owning a share of the aggregates (as optimistic
/// concurrency makes services do) and committing 1..maxPerTransaction of one aggregate's next
/// events per transaction, so transactions of different writers interleave in the WAL while every
/// aggregate's sequence stays 1, 2, 3...
/// </summary>
internal static class ConcurrentWriters
{
    /// <summary>Writes <paramref name="aggregates"/> x <paramref name="perAggregate"/> events; returns their ids.</summary>
    public static async Task<HashSet<string>> WriteAsync(
        RelayScenario scenario, int writers, int aggregates, int perAggregate, int maxPerTransaction, TimeSpan pacing = default)
    {
        var ids = new HashSet<string>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var owned = Enumerable.Range(0, aggregates).Where(a => a % writers == w).ToList();
            var next = owned.ToDictionary(a => a, _ => 1L);
            var random = new Random(w);
            while (next.Values.Any(s => s <= perAggregate))
            {
                var aggregate = owned.Where(a => next[a] <= perAggregate).OrderBy(_ => random.Next()).First();
                var take = (int)Math.Min(random.Next(1, maxPerTransaction + 1), perAggregate - next[aggregate] + 1);
                var events = Enumerable.Range(0, take).Select(i => TestEvent.For(scenario.AggregateType, $"agg-{aggregate}", next[aggregate] + i)).ToList();
                next[aggregate] += take;
                await Outbox.InsertCommittedAsync(scenario.ConnectionString, events);
                lock (ids)
                {
                    ids.UnionWith(events.Select(e => e.Id.ToString()));
                }

                if (pacing > TimeSpan.Zero)
                {
                    await Task.Delay(pacing); // spreads the writes over time; not a synchronisation
                }
            }
        }));
        return ids;
    }
}
