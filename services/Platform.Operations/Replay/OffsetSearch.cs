using Confluent.Kafka;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>
/// Finds the first offset of a partition whose record timestamp is at or after a time. First
/// the broker's answer (ListOffsets by timestamp, KIP-79); it is then checked by reading the
/// record before it, and when that record is not older than the time (librdkafka's mock cluster
/// ignores timestamps in ListOffsets and answers the end), a binary search over the records'
/// own timestamps answers instead (it assumes timestamps grow with offsets, as the broker's
/// time index does).
/// </summary>
internal static class OffsetSearch
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static long At(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition, DateTimeOffset time, long low, long high)
    {
        var answer = consumer.OffsetsForTimes([new TopicPartitionTimestamp(partition, new Timestamp(time))], Timeout)[0].Offset;
        var offset = answer == Offset.End || answer.Value < 0 ? high : answer.Value;
        if (offset <= low || TimestampOf(consumer, partition, offset - 1) < time)
        {
            return offset;
        }

        // Smallest offset in [low, high) whose timestamp >= time, or high when none.
        long first = low, last = high;
        while (first < last)
        {
            var middle = first + ((last - first) / 2);
            if (TimestampOf(consumer, partition, middle) >= time)
            {
                last = middle;
            }
            else
            {
                first = middle + 1;
            }
        }

        return first;
    }

    /// <summary>The timestamp of the record at <paramref name="offset"/> (or the next one); <see cref="DateTimeOffset.MaxValue"/> at the end.</summary>
    public static DateTimeOffset TimestampOf(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition, long offset)
    {
        consumer.Assign(new TopicPartitionOffset(partition, offset));
        try
        {
            var record = consumer.Consume(Timeout) ?? throw new ReplayException(ReplayExitCode.Failed, $"Could not read {partition}@{offset} to resolve a time.");
            // End of partition: nothing there is older than any time. A compacted or
            // transactional gap returns the next record: good enough for a boundary.
            return record.IsPartitionEOF ? DateTimeOffset.MaxValue : record.Message.Timestamp.UtcDateTime;
        }
        finally
        {
            consumer.Unassign();
        }
    }
}
