using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.DeadLetters;
using Platform.Operations.Replay;
using Platform.Operations;

namespace Operations.Tests;

/// <summary>Purging a consumer's dead-letter topic with Kafka DeleteRecords.</summary>
public sealed class DeadLetterPurgeTests
{
    /// <summary>
    /// What purge does depends on the cluster, and both outcomes are asserted in full: with
    /// DeleteRecords (a real broker) a purge up to offset 0 moves the low watermark of every
    /// non-empty dlq partition to 1, reports old and new low watermarks, the deleted records are no
    /// longer listed, and a second purge changes nothing; without it (librdkafka's mock cluster)
    /// purge fails with a message that says so and that nothing was purged, and every parked record
    /// is still listed.
    /// </summary>
    [Test]
    public async Task Purge_removes_parked_records_up_to_the_offset_or_on_a_cluster_without_DeleteRecords_fails_clearly_and_deletes_nothing()
    {
        var consumer = await ParkAsync("purge", 12);
        var before = await DeadLetterOperations.ListAsync(TestKafka.BootstrapServers, consumer, ReplayFilter.All, null, null, CancellationToken.None);
        Assert.That(before, Has.Count.EqualTo(12));

        if (TestKafka.IsMock)
        {
            var refusal = Assert.ThrowsAsync<ReplayException>(() => DeadLetterPurge.PurgeAsync(TestKafka.BootstrapServers, consumer, 0, null, CancellationToken.None));
            var left = await DeadLetterOperations.ListAsync(TestKafka.BootstrapServers, consumer, ReplayFilter.All, null, null, CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(refusal!.Code, Is.EqualTo(ReplayExitCode.Failed));
                Assert.That(refusal.Message, Does.Contain("does not support DeleteRecords").And.Contain("Nothing was purged"));
                Assert.That(left, Has.Count.EqualTo(12));
            });
            return;
        }

        var nonEmpty = before.Select(r => r.Partition.Value).Distinct().Order().ToList();
        var purged = await DeadLetterPurge.PurgeAsync(TestKafka.BootstrapServers, consumer, 0, null, CancellationToken.None);
        var after = await DeadLetterOperations.ListAsync(TestKafka.BootstrapServers, consumer, ReplayFilter.All, null, null, CancellationToken.None);
        var again = await DeadLetterPurge.PurgeAsync(TestKafka.BootstrapServers, consumer, 0, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(purged.Where(p => nonEmpty.Contains(p.Partition)).Select(p => (p.OldLowWatermark, p.NewLowWatermark)), Is.All.EqualTo((0L, 1L)));
            Assert.That(purged.Where(p => !nonEmpty.Contains(p.Partition)).Select(p => p.NewLowWatermark), Is.All.EqualTo(0L));
            Assert.That(after, Has.Count.EqualTo(12 - nonEmpty.Count));
            Assert.That(after.Select(r => r.Offset.Value), Has.None.EqualTo(0L));
            Assert.That(again.Select(p => p.OldLowWatermark), Is.EqualTo(again.Select(p => p.NewLowWatermark)));
        });
    }

    /// <summary>A partition the dlq topic does not have is refused (exit 3) before anything is deleted.</summary>
    [Test]
    public async Task Purge_of_an_unknown_partition_is_refused_and_deletes_nothing()
    {
        var consumer = await ParkAsync("purge_unknown", 4);

        var refusal = Assert.ThrowsAsync<ReplayException>(() => DeadLetterPurge.PurgeAsync(TestKafka.BootstrapServers, consumer, 5, 99, CancellationToken.None));
        var left = await DeadLetterOperations.ListAsync(TestKafka.BootstrapServers, consumer, ReplayFilter.All, null, null, CancellationToken.None);

        Assert.That(refusal!.Code, Is.EqualTo(ReplayExitCode.UnknownTopic));
        Assert.That(left, Has.Count.EqualTo(4));
    }

    /// <summary>Parks <paramref name="count"/> records with the consumers' own publisher; returns the consumer name.</summary>
    private static async Task<string> ParkAsync(string purpose, int count)
    {
        var source = await SourceTopic.CreateAsync(purpose, count);
        var consumer = TestNames.Unique(purpose + "_consumer");
        using var publisher = new DeadLetterPublisher(TestKafka.BootstrapServers, TimeProvider.System, NullLogger<DeadLetterPublisher>.Instance);
        foreach (var record in TopicReader.ReadAll(source.Name))
        {
            await publisher.ParkAsync(record, consumer, "poison", null, 1, CancellationToken.None);
        }

        return consumer;
    }
}
