using Confluent.Kafka.Admin;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Kafka.Clients;
using Platform.Kafka.DeadLetters;
using Platform.Operations.Replay;

namespace Platform.Operations.DeadLetters;

/// <summary>
/// Removes parked records from <c>{consumer}.dlq</c> with Kafka's DeleteRecords (KIP-107): per
/// partition, everything below an offset. Kafka cannot delete single records, so a purge also
/// removes parked records below that offset that were never redriven; list them first.
/// </summary>
public static class DeadLetterPurge
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Refuses a negative <c>--to-offset</c> (<see cref="ReplayExitCode.BadInput"/>); call before asking for confirmation.</summary>
    public static void RequireValidOffset(long toOffset)
    {
        if (toOffset < 0)
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"--to-offset {toOffset} cannot be negative.");
        }
    }

    /// <summary>
    /// Deletes every record at or below <paramref name="toOffset"/> (inclusive, as in <c>dlq list</c>)
    /// in each partition, or only in <paramref name="partition"/>; returns the low watermarks before and after.
    /// </summary>
    public static async Task<IReadOnlyList<PurgedPartition>> PurgeAsync(
        string bootstrapServers, string consumer, long toOffset, int? partition, CancellationToken cancellationToken)
    {
        RequireValidOffset(toOffset);
        var request = new ReplayRequest { Topics = [DeadLetterHeaders.TopicFor(consumer)], Partitions = partition is { } only ? [only] : [] };
        var partitions = ReplayPlanner.Partitions(bootstrapServers, request);
        using var reader = new ConsumerBuilder<byte[]?, byte[]?>(ReplayReaderConfig.Create(bootstrapServers)).Build();
        var lows = new Dictionary<int, long>();
        var deletions = new List<TopicPartitionOffset>();
        foreach (var topicPartition in partitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var marks = reader.QueryWatermarkOffsets(topicPartition, Timeout);
            lows[topicPartition.Partition.Value] = marks.Low.Value;
            // DeleteRecords refuses an offset above the high watermark; below the low one there is nothing to do.
            var before = Math.Min(toOffset + 1, marks.High.Value);
            if (before > marks.Low.Value)
            {
                deletions.Add(new TopicPartitionOffset(topicPartition, before));
            }
        }

        var after = new Dictionary<int, long>(lows);
        if (deletions.Count > 0)
        {
            using var admin = new AdminClientBuilder(KafkaClientProperties.Apply(ToolAdminConfig.Create(bootstrapServers))).Build();
            try
            {
                // Returns once the partition leaders moved their low watermarks: the records are gone for every reader.
                var results = await admin.DeleteRecordsAsync(deletions, new DeleteRecordsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout });
                foreach (var result in results)
                {
                    after[result.Partition.Value] = result.Offset.Value;
                }
            }
            catch (DeleteRecordsException ex)
            {
                var refused = ex.Results.Where(r => r.Error.IsError).ToList();
                var done = ex.Results.Where(r => !r.Error.IsError).Select(r => r.Partition.Value).ToList();
                var unsupported = refused.All(r => r.Error.Code == ErrorCode.Local_UnsupportedFeature);
                throw new ReplayException(ReplayExitCode.Failed,
                    (unsupported
                        ? $"The cluster does not support DeleteRecords (KIP-107), so {request.Topics[0]} cannot be purged; its records stay until the topic's retention removes them. "
                        : $"The cluster refused DeleteRecords on {request.Topics[0]}: " +
                          string.Join("; ", refused.Select(r => $"partition {r.Partition.Value}: {r.Error.Code} ({r.Error.Reason})")) + ". ") +
                    (done.Count == 0 ? "Nothing was purged." : $"Purged only partitions {string.Join(", ", done)}."));
            }

            catch (KafkaException ex)
            {
                throw new ReplayException(ReplayExitCode.Failed,
                    $"DeleteRecords on {request.Topics[0]} failed: {ex.Error.Code} ({ex.Error.Reason}); nothing is known to be purged, run dlq list to see.");
            }
        }

        return lows.Keys.Order().Select(p => new PurgedPartition(p, lows[p], after[p])).ToList();
    }
}
