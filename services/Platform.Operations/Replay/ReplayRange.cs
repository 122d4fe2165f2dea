using Confluent.Kafka;

namespace Platform.Operations.Replay;

/// <summary>One partition's offsets to read: from <paramref name="Start"/> (inclusive) to <paramref name="End"/> (exclusive).</summary>
/// <param name="Partition">Topic and partition.</param>
/// <param name="Start">First offset.</param>
/// <param name="End">Offset after the last one.</param>
public sealed record ReplayRange(TopicPartition Partition, long Start, long End)
{
    /// <summary>Records in the range.</summary>
    public long Count => Math.Max(0, End - Start);
}
