using Confluent.Kafka;

namespace Relay.Tests;

/// <summary>What tests assert about a topic's records: completeness, per-aggregate order, duplicates.</summary>
internal static class DeliveryChecks
{
    public static bool ContainsAll(IReadOnlyList<ConsumeResult<byte[], byte[]>> records, IReadOnlySet<string> ids) =>
        records.Count >= ids.Count && ids.IsSubsetOf(records.Select(r => TopicReader.Header(r, "id")));

    /// <summary>
    /// Per key, the sequences of the FIRST occurrence of each event, in the order the key's
    /// partition holds them, must be 1, 2, 3... (redeliveries after a restart may repeat earlier
    /// events later; those repeats are not order violations).
    /// </summary>
    public static void AssertPerAggregateOrder(IReadOnlyList<ConsumeResult<byte[], byte[]>> records)
    {
        var seen = new HashSet<string>();
        var lastByKey = new Dictionary<string, long>();
        foreach (var record in records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value))
        {
            if (!seen.Add(TopicReader.Header(record, "id")))
            {
                continue;
            }

            var key = System.Text.Encoding.UTF8.GetString(record.Message.Key);
            var sequence = long.Parse(TopicReader.Header(record, "sequence"), System.Globalization.CultureInfo.InvariantCulture);
            var previous = lastByKey.GetValueOrDefault(key);
            Assert.That(sequence, Is.EqualTo(previous + 1), $"aggregate {key}: sequence {sequence} after {previous}");
            lastByKey[key] = sequence;
        }
    }

    public static int Duplicates(IReadOnlyList<ConsumeResult<byte[], byte[]>> records) =>
        records.Count - records.Select(r => TopicReader.Header(r, "id")).Distinct().Count();
}
