using Confluent.Kafka;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Operations.DeadLetters;
using Platform.Operations.Replay;

namespace Platform.Dashboard.Internals;

/// <summary>
/// The newest parked records of every consumer, read with <see cref="DeadLetterOperations.ListAsync"/>
/// (the code of <c>platform dlq list</c>: the replay reader, which assigns and never commits).
/// A dead-letter topic is read again only when its end offsets moved.
/// </summary>
internal sealed class DeadLetterTable(DashboardOptions options)
{
    private readonly Dictionary<string, (string Ends, IReadOnlyList<DeadLetterEntry> Entries)> _byConsumer = new(StringComparer.Ordinal);

    /// <summary>The newest <see cref="DashboardOptions.DeadLetterRows"/> entries over all consumers, newest first.</summary>
    /// <param name="ends">High watermark of every partition of the dead-letter topics that exist.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async Task<IReadOnlyList<DeadLetterEntry>> LatestAsync(IReadOnlyDictionary<TopicPartition, long> ends, CancellationToken cancellationToken)
    {
        var all = new List<DeadLetterEntry>();
        foreach (var (consumer, topic) in options.DeadLetterTopics())
        {
            var mine = ends.Where(e => e.Key.Topic == topic && e.Value > 0).OrderBy(e => e.Key.Partition.Value).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var signature = string.Join(',', mine.Select(e => $"{e.Key.Partition.Value}:{e.Value}"));
            if (!_byConsumer.TryGetValue(consumer, out var cached) || cached.Ends != signature)
            {
                // Parked records are few (each one is an incident); the topic is read whole, only when it grew.
                var records = await DeadLetterOperations.ListAsync(options.BootstrapServers, consumer, ReplayFilter.All, null, null, cancellationToken);
                cached = (signature, records.Select(r => Entry(consumer, r)).ToList());
                _byConsumer[consumer] = cached;
            }

            all.AddRange(cached.Entries);
        }

        return all.OrderByDescending(e => e.ParkedAt, StringComparer.Ordinal).ThenByDescending(e => e.Offset).Take(options.DeadLetterRows).ToList();
    }

    private static DeadLetterEntry Entry(string consumer, ConsumeResult<byte[]?, byte[]?> record)
    {
        string? H(string name) => ReplayFilter.HeaderText(record.Message, name);
        return new DeadLetterEntry(consumer, record.Partition.Value, record.Offset.Value,
            $"{H(DeadLetterHeaders.OriginalTopic)}/{H(DeadLetterHeaders.OriginalPartition)}/{H(DeadLetterHeaders.OriginalOffset)}",
            ReplayFilter.EventTypeOf(record.Message), H(OutboxHeaders.EventId), H(DeadLetterHeaders.Reason), H(DeadLetterHeaders.ParkedAt));
    }
}
