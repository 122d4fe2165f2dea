using Confluent.Kafka.Admin;
using Confluent.Kafka;
using Platform.Kafka.Clients;
using Platform.Operations.Replay;
using Platform.Operations;

namespace Platform.Dashboard.Internals;

/// <summary>
/// Offsets read from outside every group with one admin client: partitions' high (and low)
/// watermarks, and consumer groups' committed offsets. Reading never joins a group or commits.
/// </summary>
internal sealed class KafkaFigures(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly IAdminClient _admin = new AdminClientBuilder(KafkaClientProperties.Apply(ToolAdminConfig.Create(bootstrapServers))).Build();

    /// <summary>The partitions of those of <paramref name="topics"/> that exist.</summary>
    public IReadOnlyList<TopicPartition> Partitions(IEnumerable<string> topics) => ExistingPartitions.Of(_admin, topics, Timeout);

    /// <summary>Each partition's offset at <paramref name="spec"/> (latest: the high watermark; earliest: the low one).</summary>
    public async Task<IReadOnlyDictionary<TopicPartition, long>> OffsetsAsync(IReadOnlyCollection<TopicPartition> partitions, OffsetSpec spec)
    {
        if (partitions.Count == 0)
        {
            return new Dictionary<TopicPartition, long>();
        }

        var result = await _admin.ListOffsetsAsync(
            partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = spec }),
            new ListOffsetsOptions { RequestTimeout = Timeout });
        return result.ResultInfos.ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset.Value);
    }

    /// <summary>
    /// Each group's committed offset against <paramref name="ends"/>, for the partitions the group
    /// has committed on (a partition it never committed on is one it does not read).
    /// </summary>
    public async Task<IReadOnlyList<ConsumerLag>> LagAsync(IEnumerable<string> groups, IReadOnlyDictionary<TopicPartition, long> ends)
    {
        var lags = new List<ConsumerLag>();
        if (ends.Count == 0)
        {
            return lags;
        }

        foreach (var group in groups)
        {
            // librdkafka takes one group per request.
            var results = await _admin.ListConsumerGroupOffsetsAsync(
                [new ConsumerGroupTopicPartitions(group, [.. ends.Keys])], new ListConsumerGroupOffsetsOptions { RequestTimeout = Timeout });
            foreach (var committed in results.SelectMany(r => r.Partitions).Where(p => p.Offset.Value >= 0))
            {
                var end = ends[committed.TopicPartition];
                lags.Add(new ConsumerLag(group, committed.Topic, committed.Partition.Value, committed.Offset.Value, end, Math.Max(0, end - committed.Offset.Value)));
            }
        }

        return lags.OrderBy(l => l.Group, StringComparer.Ordinal).ThenBy(l => l.Topic, StringComparer.Ordinal).ThenBy(l => l.Partition).ToList();
    }

    public void Dispose() => _admin.Dispose();
}
