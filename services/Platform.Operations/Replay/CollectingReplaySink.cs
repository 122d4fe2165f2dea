using Confluent.Kafka;

namespace Platform.Operations.Replay;

/// <summary>Keeps the matched records in memory (for listing a dead-letter topic); nothing leaves the process.</summary>
public sealed class CollectingReplaySink : IReplaySink
{
    /// <summary>The matched records, in the order read.</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> Records { get; } = [];

    /// <inheritdoc />
    public Task DeliverAsync(ConsumeResult<byte[]?, byte[]?> record, ReplayTopicStats stats, CancellationToken cancellationToken)
    {
        Records.Add(record);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
