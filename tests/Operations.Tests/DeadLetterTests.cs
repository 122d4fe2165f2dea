using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.DeadLetters;
using Platform.Operations.Replay;

namespace Operations.Tests;

/// <summary>Listing and redriving a consumer's dead-letter topic, with records parked by the consumers' own publisher.</summary>
public sealed class DeadLetterTests
{
    /// <summary>
    /// Parked records are listed with their dlq.* headers; a redrive filtered by event type sends
    /// only those back to their original topic, on the same partition, with the original headers
    /// and no dlq.* header. Redrive straight into the consumer: see DeadLetterIntoConsumerTests.
    /// </summary>
    [Test]
    public async Task Redrive_sends_selected_parked_records_back_to_their_topic_with_original_headers_only()
    {
        var source = await SourceTopic.CreateAsync("dlq_source", 6);
        var consumer = TestNames.Unique("dlq_consumer");
        var originals = TopicReader.ReadAll(source.Name);
        using (var publisher = new DeadLetterPublisher(TestKafka.BootstrapServers, TimeProvider.System, NullLogger<DeadLetterPublisher>.Instance))
        {
            foreach (var record in originals)
            {
                await publisher.ParkAsync(record, consumer, "poison marker", null, 3, CancellationToken.None);
            }
        }

        var listed = await DeadLetterOperations.ListAsync(TestKafka.BootstrapServers, consumer, ReplayFilter.All, null, null, CancellationToken.None);
        var placed = new ReplayFilter([], new HashSet<string> { "OrderPlaced" }, new Dictionary<string, string>());
        var summary = await DeadLetterOperations.RedriveAsync(TestKafka.BootstrapServers, consumer, placed, null, null, CancellationToken.None);

        var back = TopicReader.ReadAll(source.Name).Where(r => ReplayFilter.HeaderText(r.Message, ReplayHeaders.Id) is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(listed, Has.Count.EqualTo(6));
            Assert.That(listed.Select(r => ReplayFilter.HeaderText(r.Message, DeadLetterHeaders.Reason)), Is.All.EqualTo("poison marker"));
            Assert.That(summary.Topics[DeadLetterHeaders.TopicFor(consumer)].Published, Is.EqualTo(3));
            Assert.That(back, Has.Count.EqualTo(3));
            foreach (var copy in back)
            {
                var original = originals.Single(o => o.Message.Value!.SequenceEqual(copy.Message.Value!));
                Assert.That(copy.Partition.Value, Is.EqualTo(original.Partition.Value));
                Assert.That(copy.Message.Headers.Select(h => h.Key), Has.None.StartsWith(DeadLetterHeaders.Prefix));
                Assert.That(ReplayFilter.EventTypeOf(copy.Message), Is.EqualTo("OrderPlaced"));
                Assert.That(ReplayFilter.HeaderText(copy.Message, OutboxHeaders.EventId), Is.EqualTo(ReplayFilter.HeaderText(original.Message, OutboxHeaders.EventId)));
                Assert.That(Encoding.UTF8.GetString(copy.Message.Key!), Is.EqualTo(Encoding.UTF8.GetString(original.Message.Key!)));
            }
        });
    }

    /// <summary>
    /// One partition and one offset select exactly one parked record, though the same offset exists
    /// in other partitions of the dead-letter topic (the dashboard's Redrive button, and
    /// <c>platform dlq redrive --partition P --from-offset O --to-offset O</c>).
    /// </summary>
    [Test]
    public async Task Redrive_of_one_partition_and_offset_sends_back_exactly_that_record()
    {
        var source = await SourceTopic.CreateAsync("dlq_one", 8);
        var consumer = TestNames.Unique("dlq_one_consumer");
        using (var publisher = new DeadLetterPublisher(TestKafka.BootstrapServers, TimeProvider.System, NullLogger<DeadLetterPublisher>.Instance))
        {
            foreach (var record in TopicReader.ReadAll(source.Name))
            {
                await publisher.ParkAsync(record, consumer, "poison marker", null, 1, CancellationToken.None);
            }
        }

        var parked = await DeadLetterOperations.ListAsync(TestKafka.BootstrapServers, consumer, ReplayFilter.All, null, null, CancellationToken.None);
        var chosen = parked.First(r => r.Offset.Value == 0);
        Assert.That(parked.Count(r => r.Offset.Value == 0), Is.GreaterThan(1), "precondition: offset 0 exists in several dlq partitions");

        var summary = await DeadLetterOperations.RedriveAsync(
            TestKafka.BootstrapServers, consumer, [chosen.Partition.Value], ReplayFilter.All, 0, 0, CancellationToken.None);

        var back = TopicReader.ReadAll(source.Name).Where(r => ReplayFilter.HeaderText(r.Message, ReplayHeaders.Id) == summary.ReplayId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.Topics[DeadLetterHeaders.TopicFor(consumer)].Published, Is.EqualTo(1));
            Assert.That(back.Select(r => ReplayFilter.HeaderText(r.Message, OutboxHeaders.EventId)),
                Is.EqualTo(new[] { ReplayFilter.HeaderText(chosen.Message, OutboxHeaders.EventId) }));
        });
    }
}
