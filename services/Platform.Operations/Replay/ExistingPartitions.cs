using Confluent.Kafka;

namespace Platform.Operations.Replay;

/// <summary>The partitions of those of some topics that exist, found without creating any.</summary>
public static class ExistingPartitions
{
    /// <summary>
    /// The partitions of each of <paramref name="topics"/> that exists on <paramref name="admin"/>'s
    /// cluster; a missing topic (e.g. a dead-letter topic nothing was parked in yet) has none.
    /// Metadata of all topics is requested: a request naming a topic could auto-create it on a
    /// broker with <c>auto.create.topics.enable</c>.
    /// </summary>
    public static List<TopicPartition> Of(IAdminClient admin, IEnumerable<string> topics, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var wanted = topics.ToHashSet(StringComparer.Ordinal);
        return admin.GetMetadata(timeout).Topics
            .Where(t => wanted.Contains(t.Topic) && t.Error.Code == ErrorCode.NoError)
            .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
            .ToList();
    }
}
