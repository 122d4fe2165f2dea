using Confluent.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>A running consumer group member, as a host sees it: its group, its topics and the partitions it processes now.</summary>
public interface IConsumerGroupMember
{
    /// <summary>The consumer group.</summary>
    string GroupId { get; }

    /// <summary>The topics it subscribes to.</summary>
    IReadOnlyCollection<string> Topics { get; }

    /// <summary>Partitions this member processes right now.</summary>
    IReadOnlyCollection<TopicPartition> Assigned { get; }
}
