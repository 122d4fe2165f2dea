using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.DeadLetters;
using Platform.Operations.Replay;
using Platform.Operations;

namespace Operations.Tests;

/// <summary>Redriving parked records straight into the consumer's pipeline instead of their original topic.</summary>
public sealed class DeadLetterIntoConsumerTests
{
    /// <summary>
    /// The live consumer parks 3 records its handler rejects; after the fix a redrive into the
    /// consumer applies each once, as the original record (the handler sees the original topic,
    /// partition and offset), and a second redrive is all duplicates.
    /// Nothing is re-published to the original topic.
    /// </summary>
    [Test]
    public async Task A_parked_record_is_redriven_into_the_consumer_after_the_fix_and_applied_once()
    {
        await using var ledger = await LedgerConsumer.CreateAsync("dlq_into");
        ledger.Poisoned = true;
        var ids = await ledger.ProduceAsync(3);
        await ledger.StartLiveAsync();
        await Eventually.WaitAsync(async () => (await ParkedAsync(ledger)).Count == 3, "the live consumer to park 3 records");
        await ledger.StopLiveAsync();
        var originals = TopicReader.ReadAll(ledger.Topic);

        ledger.Poisoned = false;
        var pipeline = ledger.OpenPipeline();
        var first = await DeadLetterOperations.RedriveIntoConsumerAsync(TestKafka.BootstrapServers, pipeline, ReplayFilter.All, null, null, CancellationToken.None);
        var second = await DeadLetterOperations.RedriveIntoConsumerAsync(TestKafka.BootstrapServers, pipeline, ReplayFilter.All, null, null, CancellationToken.None);

        var dlq = DeadLetterHeaders.TopicFor(ledger.Group);
        var entries = await ledger.LedgerAsync();
        Assert.Multiple(() =>
        {
            Assert.That(first.Topics[dlq].Applied, Is.EqualTo(3));
            Assert.That(second.Topics[dlq].Duplicates, Is.EqualTo(3));
            Assert.That(second.Topics[dlq].Applied, Is.Zero);
            Assert.That(entries.Select(e => e.EventId), Is.EquivalentTo(ids));
            foreach (var entry in entries)
            {
                var original = originals.Single(o => ReplayFilter.HeaderText(o.Message, OutboxHeaders.EventId) == entry.EventId.ToString());
                Assert.That((entry.Topic, entry.Partition, entry.Offset), Is.EqualTo((ledger.Topic, original.Partition.Value, original.Offset.Value)));
            }

            Assert.That(TopicReader.ReadAll(ledger.Topic), Has.Count.EqualTo(3), "nothing re-published to the original topic");
        });
    }

    private static async Task<IReadOnlyList<Confluent.Kafka.ConsumeResult<byte[]?, byte[]?>>> ParkedAsync(LedgerConsumer ledger)
    {
        try
        {
            return await DeadLetterOperations.ListAsync(TestKafka.BootstrapServers, ledger.Group, ReplayFilter.All, null, null, CancellationToken.None);
        }
        catch (ReplayException ex) when (ex.Code == ReplayExitCode.UnknownTopic)
        {
            // The dead-letter topic appears with its first parked record.
            return [];
        }
    }
}
