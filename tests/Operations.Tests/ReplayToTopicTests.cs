using System.Text;
using Confluent.Kafka;
using Platform.Operations.Replay;

namespace Operations.Tests;

/// <summary>Re-publishing to a topic: what a copy keeps, what it adds, and which records are selected.</summary>
public sealed class ReplayToTopicTests
{
    private static Task<ReplaySummary> ReplayAsync(ReplayRequest request, string target) =>
        ReplayRunner.RunAsync(TestKafka.BootstrapServers, request, new TopicReplaySink(TestKafka.BootstrapServers, target, "run-1"), "run-1", null, CancellationToken.None);

    /// <summary>
    /// Every record is copied with its key, value, timestamp, original headers and partition
    /// (murmur2 of the key on a topic of the same size), plus replay.source and replay.id.
    /// Does not cover a target with a different partition count.
    /// </summary>
    [Test]
    public async Task Replayed_records_keep_key_value_timestamp_headers_and_partition_and_gain_replay_headers()
    {
        var source = await SourceTopic.CreateAsync("replay_keep", 40);
        var target = TestNames.Unique("replay_keep_target");

        var summary = await ReplayAsync(new ReplayRequest { Topics = [source.Name] }, target);

        Assert.That(summary.Topics[source.Name].Published, Is.EqualTo(40));
        var originals = TopicReader.ReadAll(source.Name);
        var copies = TopicReader.ReadAll(target).ToDictionary(r => Encoding.UTF8.GetString(r.Message.Value!));
        Assert.That(copies, Has.Count.EqualTo(40));
        foreach (var original in originals)
        {
            var copy = copies[Encoding.UTF8.GetString(original.Message.Value!)];
            Assert.Multiple(() =>
            {
                Assert.That(copy.Message.Key, Is.EqualTo(original.Message.Key));
                Assert.That(copy.Partition.Value, Is.EqualTo(original.Partition.Value));
                Assert.That(copy.Message.Timestamp.UnixTimestampMs, Is.EqualTo(original.Message.Timestamp.UnixTimestampMs));
                foreach (var header in original.Message.Headers)
                {
                    Assert.That(ReplayFilter.HeaderText(copy.Message, header.Key), Is.EqualTo(Encoding.UTF8.GetString(header.GetValueBytes())));
                }

                Assert.That(ReplayFilter.HeaderText(copy.Message, ReplayHeaders.Source), Is.EqualTo($"{source.Name}/{original.Partition.Value}/{original.Offset.Value}"));
                Assert.That(ReplayFilter.HeaderText(copy.Message, ReplayHeaders.Id), Is.EqualTo("run-1"));
            });
        }
    }

    /// <summary>Aggregate, event type and header filters each select exactly the matching records; all three together intersect.</summary>
    [Test]
    public async Task Filters_by_aggregate_event_type_and_header_select_only_matching_records()
    {
        var source = await SourceTopic.CreateAsync("replay_filter", 60);
        var target = TestNames.Unique("replay_filter_target");
        var filter = new ReplayFilter(new HashSet<string> { "order-2", "order-4" }, new HashSet<string> { "OrderPlaced" }, new Dictionary<string, string> { ["tenant"] = "a" });

        var summary = await ReplayAsync(new ReplayRequest { Topics = [source.Name], Filter = filter }, target);

        var expected = source.Records.Where(r => filter.Matches(r.Message)).Select(r => Encoding.UTF8.GetString(r.Message.Value!)).Order().ToList();
        Assert.That(expected, Is.Not.Empty);
        var copied = TopicReader.ReadAll(target).Select(r => Encoding.UTF8.GetString(r.Message.Value!)).Order().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(copied, Is.EqualTo(expected));
            Assert.That(summary.Topics[source.Name].Read, Is.EqualTo(60));
            Assert.That(summary.Topics[source.Name].Matched, Is.EqualTo(expected.Count));
        });
    }

    /// <summary>An offset range is per partition and inclusive at both ends, limited to the chosen partitions.</summary>
    [Test]
    public async Task An_offset_range_on_chosen_partitions_replays_only_those_offsets()
    {
        var source = await SourceTopic.CreateAsync("replay_offsets", 60);
        var target = TestNames.Unique("replay_offsets_target");

        await ReplayAsync(new ReplayRequest { Topics = [source.Name], Partitions = [1, 2], FromOffset = 2, ToOffset = 4 }, target);

        var expected = source.Records.Where(r => r.Partition.Value is 1 or 2 && r.Offset.Value is >= 2 and <= 4)
            .Select(r => Encoding.UTF8.GetString(r.Message.Value!)).Order().ToList();
        Assert.That(TopicReader.ReadAll(target).Select(r => Encoding.UTF8.GetString(r.Message.Value!)).Order(), Is.EqualTo(expected));
    }

    /// <summary>A time range resolves through offsets-for-times: start inclusive, end exclusive, on record timestamps.</summary>
    [Test]
    public async Task A_time_range_replays_records_stamped_inside_it()
    {
        var source = await SourceTopic.CreateAsync("replay_times", 40);
        var target = TestNames.Unique("replay_times_target");

        var request = new ReplayRequest { Topics = [source.Name], From = SourceTopic.Start.AddSeconds(10), To = SourceTopic.Start.AddSeconds(20) };
        await ReplayAsync(request, target);

        var copied = TopicReader.ReadAll(target).Select(r => Encoding.UTF8.GetString(r.Message.Value!)).Order().ToList();
        Assert.That(copied, Is.EqualTo(Enumerable.Range(10, 10).Select(i => $"payload-{i}").Order().ToList()));
    }
}
