using Confluent.Kafka;

namespace Platform.Operations.Replay;

/// <summary>Where matched records go: a topic, or a consumer's pipeline.</summary>
public interface IReplaySink : IDisposable
{
    /// <summary>Hands over one matched record; may return before it is durable (see <see cref="FlushAsync"/>).</summary>
    Task DeliverAsync(ConsumeResult<byte[]?, byte[]?> record, ReplayTopicStats stats, CancellationToken cancellationToken);

    /// <summary>Returns once everything delivered so far is durable (acknowledged or committed); throws if any failed.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
