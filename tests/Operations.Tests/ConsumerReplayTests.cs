using Confluent.Kafka;
using Platform.Operations.Replay;
using Platform.Operations;

namespace Operations.Tests;

/// <summary>Replay into a consumer's own pipeline (handlers, inbox, dead-letter topic): dedup, --force and the inbox horizon.</summary>
public sealed class ConsumerReplayTests
{
    private static Task<ReplaySummary> ReplayAsync(LedgerConsumer ledger, bool force, ReplayFilter? filter = null) =>
        ConsumerReplay.RunAsync(TestKafka.BootstrapServers, new ReplayRequest { Topics = [ledger.Topic], Filter = filter ?? ReplayFilter.All },
            ledger.OpenPipeline(), force, TimeProvider.System, null, CancellationToken.None);

    /// <summary>
    /// The live group applied every record and committed; a replay of the whole topic into the
    /// same consumer finds every event in the inbox (all duplicates), adds no ledger entry, and
    /// the group's committed offsets are what they were. Does not cover a live member running
    /// during the replay (the inbox makes that a race with one winner; see Messaging.Tests).
    /// </summary>
    [Test]
    public async Task Replaying_events_already_applied_changes_nothing_and_leaves_the_live_offsets()
    {
        await using var ledger = await LedgerConsumer.CreateAsync("replay_dup");
        await ledger.ProduceAsync(20);
        await ledger.StartLiveAsync();
        await Eventually.WaitAsync(async () => (await ledger.LedgerAsync()).Count == 20
            && KafkaGroups.CommittedToEnd(TestKafka.BootstrapServers, ledger.Group, [ledger.Topic]), "the live group to apply and commit 20 records");
        await ledger.StopLiveAsync();
        var before = Committed(ledger);

        var summary = await ReplayAsync(ledger, force: false);

        var stats = summary.Topics[ledger.Topic];
        Assert.Multiple(async () =>
        {
            Assert.That(stats.Duplicates, Is.EqualTo(20));
            Assert.That(stats.Applied, Is.Zero);
            Assert.That(stats.OutcomesByEventType["OrderPlaced"].Duplicates, Is.EqualTo(20));
            Assert.That(await ledger.LedgerAsync(), Has.Count.EqualTo(20));
            Assert.That(Committed(ledger), Is.EqualTo(before));
        });
    }

    /// <summary>
    /// Forced delivery applies an event the inbox already has once more per delivery: two forced
    /// replays of one aggregate's 4 events add 4 ledger entries each, while the inbox still holds
    /// one row per event. Without --force the same replay is all duplicates.
    /// </summary>
    [Test]
    public async Task Force_applies_an_already_seen_event_again_exactly_once_per_delivery()
    {
        await using var ledger = await LedgerConsumer.CreateAsync("replay_force");
        await ledger.ProduceAsync(20);
        var first = await ReplayAsync(ledger, force: false);
        var oneOrder = new ReplayFilter(new HashSet<string> { "order-1" }, new HashSet<string>(), new Dictionary<string, string>());

        var plain = await ReplayAsync(ledger, force: false, oneOrder);
        var forced = await ReplayAsync(ledger, force: true, oneOrder);
        var again = await ReplayAsync(ledger, force: true, oneOrder);

        var entries = await ledger.LedgerAsync();
        var replayed = entries.GroupBy(e => e.EventId).Where(g => g.Count() > 1).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(first.Topics[ledger.Topic].Applied, Is.EqualTo(20));
            Assert.That(plain.Topics[ledger.Topic].Duplicates, Is.EqualTo(4));
            Assert.That(forced.Topics[ledger.Topic].Applied, Is.EqualTo(4));
            Assert.That(again.Topics[ledger.Topic].Applied, Is.EqualTo(4));
            Assert.That(entries, Has.Count.EqualTo(28));
            Assert.That(replayed, Has.Count.EqualTo(4));
            Assert.That(replayed.Select(g => g.Count()), Is.All.EqualTo(3));
            Assert.That(await ledger.InboxRowsAsync(), Is.EqualTo(20));
        });
    }

    /// <summary>
    /// Records older than the consumer's inbox retention (1 day here, records 3 days old) are
    /// refused before anything is applied (exit 7); --force lifts the horizon on purpose.
    /// </summary>
    [Test]
    public async Task Records_older_than_the_inbox_retention_are_refused_unless_forced()
    {
        await using var ledger = await LedgerConsumer.CreateAsync("replay_horizon");
        ledger.InboxRetention = TimeSpan.FromDays(1);
        await ledger.ProduceAsync(4, DateTimeOffset.UtcNow.AddDays(-3));

        var refusal = Assert.ThrowsAsync<ReplayException>(() => ReplayAsync(ledger, force: false));
        var entriesAfterRefusal = (await ledger.LedgerAsync()).Count;
        var forced = await ReplayAsync(ledger, force: true);

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Code, Is.EqualTo(ReplayExitCode.BeyondInboxRetention));
            Assert.That((int)refusal.Code, Is.EqualTo(7));
            Assert.That(refusal.Message, Does.Contain("Inbox:Retention"));
            Assert.That(entriesAfterRefusal, Is.Zero);
            Assert.That(forced.Topics[ledger.Topic].Applied, Is.EqualTo(4));
        });
    }

    private static List<long> Committed(LedgerConsumer ledger)
    {
        using var probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = TestKafka.BootstrapServers, GroupId = ledger.Group }).Build();
        var partitions = Enumerable.Range(0, TestKafka.DefaultPartitions).Select(p => new TopicPartition(ledger.Topic, p));
        return probe.Committed(partitions, TimeSpan.FromSeconds(10)).Select(c => c.Offset.Value).ToList();
    }
}
