using Confluent.Kafka;
using Platform.Kafka.Clients;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>
/// Resolves a request into per-partition offset ranges against the cluster: unknown topics and
/// partitions, ranges before the low watermark, times through offsets-for-times (KIP-79: the
/// earliest offset whose timestamp is at or after the time). The end is fixed when the run
/// starts (the high watermark then), so a replay never chases live traffic.
/// </summary>
public static class ReplayPlanner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The ranges to read, after the checkpoint's saved positions.</summary>
    public static IReadOnlyList<ReplayRange> Plan(string bootstrapServers, ReplayRequest request, ReplayCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(checkpoint);
        request.Validate();
        var partitions = Partitions(bootstrapServers, request);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ReplayReaderConfig.Create(bootstrapServers)).Build();
        var ranges = new List<ReplayRange>();
        foreach (var partition in partitions)
        {
            var marks = consumer.QueryWatermarkOffsets(partition, Timeout);
            var start = request.FromOffset ?? marks.Low.Value;
            var end = request.ToOffset is { } last ? Math.Min(last + 1, marks.High.Value) : marks.High.Value;
            if (request.FromOffset is { } first && first < marks.Low.Value)
            {
                throw new ReplayException(ReplayExitCode.BeyondRetention,
                    $"{partition} starts at offset {marks.Low.Value} now (retention removed older records); offset {first} is gone.");
            }

            if (request.From is { } from)
            {
                start = OffsetSearch.At(consumer, partition, from, marks.Low.Value, marks.High.Value);
            }

            if (request.To is { } to)
            {
                end = OffsetSearch.At(consumer, partition, to, marks.Low.Value, marks.High.Value);
            }

            if (checkpoint.NextOffset(partition) is { } saved)
            {
                start = Math.Max(start, saved);
            }

            ranges.Add(new ReplayRange(partition, start, Math.Max(start, end)));
        }

        if (request.NotBefore is { } horizon)
        {
            CheckHorizon(consumer, ranges, horizon);
        }

        return ranges;
    }

    /// <summary>
    /// Refuses before anything is delivered when a range starts with a record older than the
    /// horizon. The first record of a range is its oldest (record timestamps grow with offsets,
    /// the same assumption as the broker's time index); the sink checks every record too.
    /// </summary>
    private static void CheckHorizon(IConsumer<byte[]?, byte[]?> consumer, List<ReplayRange> ranges, DateTimeOffset horizon)
    {
        foreach (var range in ranges.Where(r => r.Count > 0))
        {
            var first = OffsetSearch.TimestampOf(consumer, range.Partition, range.Start);
            if (first < horizon)
            {
                throw BeyondHorizon($"{range.Partition}@{range.Start}", first, horizon);
            }
        }
    }

    /// <summary>The refusal of a record stamped <paramref name="time"/>, older than <paramref name="horizon"/>.</summary>
    internal static ReplayException BeyondHorizon(string where, DateTimeOffset time, DateTimeOffset horizon) =>
        new(ReplayExitCode.BeyondInboxRetention,
            $"{where} is from {time:O}, before the consumer's inbox retention horizon {horizon:O} (Inbox:Retention): its inbox no longer " +
            "remembers such events, so they could be applied twice. Start later (--from), or reprocess on purpose with --force.");

    internal static List<TopicPartition> Partitions(string bootstrapServers, ReplayRequest request)
    {
        // The admin client's metadata request for all topics never auto-creates one, unlike a
        // consumer or producer asking for a named topic (auto.create.topics.enable on the broker).
        using var admin = new AdminClientBuilder(KafkaClientProperties.Apply(ToolAdminConfig.Create(bootstrapServers))).Build();
        var metadata = admin.GetMetadata(Timeout);
        var result = new List<TopicPartition>();
        foreach (var topic in request.Topics)
        {
            var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError)
                ?? throw new ReplayException(ReplayExitCode.UnknownTopic, $"Topic '{topic}' does not exist on {bootstrapServers}.");
            var ids = found.Partitions.Select(p => p.PartitionId).Order().ToList();
            var missing = request.Partitions.Except(ids).ToList();
            if (missing.Count > 0)
            {
                throw new ReplayException(ReplayExitCode.UnknownTopic, $"Topic '{topic}' has partitions {string.Join(',', ids)}; no partition {string.Join(',', missing)}.");
            }

            result.AddRange(ids.Where(id => request.Partitions.Count == 0 || request.Partitions.Contains(id)).Select(id => new TopicPartition(topic, id)));
        }

        return result;
    }
}
