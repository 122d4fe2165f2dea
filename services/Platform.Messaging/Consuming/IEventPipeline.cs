using Confluent.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>
/// A consumer's record pipeline (its <see cref="RecordProcessor{TContext}"/>: same handlers,
/// same inbox, same retries and dead-letter topic) without the group membership, for tools that
/// deliver records themselves (replay, dead-letter redrive). Registered by
/// <c>AddEventConsumer</c> as a keyed singleton under the consumer's name; the live
/// <see cref="ConsumerHost{TContext}"/> is built on the same instance.
/// </summary>
public interface IEventPipeline
{
    /// <summary>The consumer's registered name (e.g. <c>orders-read-model</c>).</summary>
    string Name { get; }

    /// <summary>Its group id: its name in the inbox, and its dead-letter topic <c>{GroupId}.dlq</c>.</summary>
    string GroupId { get; }

    /// <summary>The topics its live group subscribes to.</summary>
    IReadOnlyList<string> Topics { get; }

    /// <summary>
    /// How long its inbox remembers applied events (<c>Inbox:Retention</c>): the replay horizon.
    /// An older event is no longer recognised as a duplicate.
    /// </summary>
    TimeSpan InboxRetention { get; }

    /// <summary>
    /// Applies <paramref name="record"/> as the live consumer would. Records of one partition must
    /// be delivered in offset order, one at a time. Guarantee: when this returns, the outcome is
    /// durable (effect and inbox row committed, or the dead-letter copy acknowledged by Kafka);
    /// nothing is left in flight. With <paramref name="force"/>, the event's inbox row is removed
    /// and inserted again in the effect's transaction, so an already-applied event is applied
    /// once more (exactly once per forced delivery).
    /// </summary>
    Task<RecordOutcome> DeliverAsync(ConsumeResult<byte[]?, byte[]?> record, bool force, CancellationToken cancellationToken);
}
