using Confluent.Kafka;
using Platform.Operations.Replay;

namespace Operations.Tests;

/// <summary>What a replay must not change (live offsets, anything on a dry run) and how it resumes.</summary>
public sealed class ReplaySafetyTests
{
    /// <summary>
    /// A dry run counts per topic and event type, has no sink to produce to (the
    /// runner is given none) and writes no checkpoint file. Consumer delivery: see ConsumerReplayTests.
    /// </summary>
    [Test]
    public async Task A_dry_run_counts_per_event_type_and_changes_nothing()
    {
        var source = await SourceTopic.CreateAsync("replay_dry", 30);
        var checkpoint = Path.Combine(Path.GetTempPath(), TestNames.Unique("checkpoint") + ".json");
        var request = new ReplayRequest { Topics = [source.Name], DryRun = true, CheckpointPath = checkpoint };

        var summary = await ReplayRunner.RunAsync(TestKafka.BootstrapServers, request, null, "dry", null, CancellationToken.None);

        var stats = summary.Topics[source.Name];
        Assert.Multiple(() =>
        {
            Assert.That(stats.Matched, Is.EqualTo(30));
            Assert.That(stats.Published, Is.Zero);
            Assert.That(stats.ByEventType, Is.EquivalentTo(new Dictionary<string, long> { ["OrderPlaced"] = 15, ["OrderConfirmed"] = 15 }));
            Assert.That(File.Exists(checkpoint), Is.False);
        });
    }

    /// <summary>
    /// A live group's committed offsets are the same after a replay of its topic: the replay
    /// reader assigns partitions under a random group id and never commits.
    /// </summary>
    [Test]
    public async Task A_replay_leaves_the_live_groups_committed_offsets_untouched()
    {
        var source = await SourceTopic.CreateAsync("replay_live", 40);
        var group = TestNames.Unique("live");
        var committed = Enumerable.Range(0, TestKafka.DefaultPartitions).Select(p => new TopicPartitionOffset(source.Name, p, 1)).ToList();
        using var live = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = TestKafka.BootstrapServers, GroupId = group }).Build();
        live.Commit(committed);

        await ReplayRunner.RunAsync(TestKafka.BootstrapServers, new ReplayRequest { Topics = [source.Name] },
            new TopicReplaySink(TestKafka.BootstrapServers, TestNames.Unique("replay_live_target"), "live"), "live", null, CancellationToken.None);

        var after = live.Committed(committed.Select(c => c.TopicPartition), TimeSpan.FromSeconds(10));
        Assert.That(after.Select(c => c.Offset.Value), Is.All.EqualTo(1));
    }

    /// <summary>
    /// A run stopped part way (here: an end offset) leaves a checkpoint; a rerun with the same
    /// file and the full range publishes only the rest, so every record is copied exactly once.
    /// </summary>
    [Test]
    public async Task A_rerun_with_the_same_checkpoint_continues_where_the_first_run_stopped()
    {
        var source = await SourceTopic.CreateAsync("replay_resume", 60);
        var target = TestNames.Unique("replay_resume_target");
        var checkpoint = Path.Combine(Path.GetTempPath(), TestNames.Unique("checkpoint") + ".json");

        var first = await RunAsync(new ReplayRequest { Topics = [source.Name], ToOffset = 4, CheckpointPath = checkpoint }, target);
        var second = await RunAsync(new ReplayRequest { Topics = [source.Name], CheckpointPath = checkpoint }, target);

        var copied = TopicReader.ReadAll(target).Select(r => r.Message.Value!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.Topics[source.Name].Published, Is.EqualTo(source.Records.Count(r => r.Offset.Value <= 4)));
            Assert.That(first.Topics[source.Name].Published + second.Topics[source.Name].Published, Is.EqualTo(60));
            Assert.That(copied, Has.Count.EqualTo(60));
            Assert.That(copied.Select(System.Text.Encoding.UTF8.GetString).Distinct().Count(), Is.EqualTo(60));
        });
    }

    private static Task<ReplaySummary> RunAsync(ReplayRequest request, string target) =>
        ReplayRunner.RunAsync(TestKafka.BootstrapServers, request, new TopicReplaySink(TestKafka.BootstrapServers, target, "resume"), "resume", null, CancellationToken.None);
}
