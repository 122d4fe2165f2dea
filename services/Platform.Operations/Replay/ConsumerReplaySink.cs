using System.Globalization;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Messaging.Consuming;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>
/// Hands each record to a consumer's <see cref="IEventPipeline"/>: the live consumer's handlers,
/// inbox and dead-letter topic, one record at a time, so each partition's records are applied in
/// offset order. Durable on return: the pipeline commits (or the dead-letter copy is
/// acknowledged) before <see cref="DeliverAsync"/> returns, so <see cref="FlushAsync"/> has
/// nothing to wait for and a checkpoint saved after it never skips a record. Nothing is applied
/// twice: the inbox deduplicates by event id, except on purpose with <c>force</c>.
/// </summary>
public sealed class ConsumerReplaySink : IReplaySink
{
    private readonly IEventPipeline _pipeline;
    private readonly bool _force;
    private readonly bool _fromDeadLetters;
    private readonly DateTimeOffset? _horizon;

    private ConsumerReplaySink(IEventPipeline pipeline, bool force, bool fromDeadLetters, DateTimeOffset? horizon)
    {
        _pipeline = pipeline;
        _force = force;
        _fromDeadLetters = fromDeadLetters;
        _horizon = horizon;
    }

    /// <summary>
    /// Delivers replayed records into <paramref name="pipeline"/>; <paramref name="force"/> applies
    /// already-seen events again. Records older than <paramref name="horizon"/> are refused
    /// (<see cref="ReplayExitCode.BeyondInboxRetention"/>); null = no horizon.
    /// </summary>
    public static ConsumerReplaySink ForReplay(IEventPipeline pipeline, bool force, DateTimeOffset? horizon)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new ConsumerReplaySink(pipeline, force, fromDeadLetters: false, horizon);
    }

    /// <summary>
    /// Delivers parked records of <c>{consumer}.dlq</c> into <paramref name="pipeline"/> as the
    /// originals: topic, partition and offset from the <c>dlq.original.*</c> headers, every
    /// <c>dlq.*</c> header stripped. Not forced: an event already applied is a duplicate.
    /// </summary>
    public static ConsumerReplaySink ForRedrive(IEventPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new ConsumerReplaySink(pipeline, force: false, fromDeadLetters: true, horizon: null);
    }

    /// <inheritdoc />
    public async Task DeliverAsync(ConsumeResult<byte[]?, byte[]?> record, ReplayTopicStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stats);
        if (_horizon is { } horizon && record.Message.Timestamp.UtcDateTime < horizon)
        {
            // The planner checked each range's first record; this catches a timestamp that went backwards.
            throw ReplayPlanner.BeyondHorizon(record.TopicPartitionOffset.ToString(), record.Message.Timestamp.UtcDateTime, horizon);
        }

        var delivered = _fromDeadLetters ? AsOriginal(record) : record;
        var outcome = await _pipeline.DeliverAsync(delivered, _force, cancellationToken);
        var type = ReplayFilter.EventTypeOf(record.Message) ?? "(none)";
        if (!stats.OutcomesByEventType.TryGetValue(type, out var counts))
        {
            stats.OutcomesByEventType[type] = counts = new ReplayOutcomeCounts();
        }

        switch (outcome)
        {
            case RecordOutcome.Processed: counts.Applied++; break;
            case RecordOutcome.Duplicate: counts.Duplicates++; break;
            case RecordOutcome.UnknownType: counts.UnknownType++; break;
            case RecordOutcome.DeadLettered: counts.DeadLettered++; break;
        }
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        // The pipeline belongs to the container that built it.
    }

    /// <summary>The parked record as it was first consumed: original coordinates, original headers only.</summary>
    private static ConsumeResult<byte[]?, byte[]?> AsOriginal(ConsumeResult<byte[]?, byte[]?> parked)
    {
        var topic = ReplayFilter.HeaderText(parked.Message, DeadLetterHeaders.OriginalTopic);
        var partition = ReplayFilter.HeaderText(parked.Message, DeadLetterHeaders.OriginalPartition);
        var offset = ReplayFilter.HeaderText(parked.Message, DeadLetterHeaders.OriginalOffset);
        if (topic is null || !int.TryParse(partition, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            || !long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out var o))
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"{parked.TopicPartitionOffset} lacks valid dlq.original.* headers: not a parked record.");
        }

        var headers = ParkedRecord.CopyHeaders(parked.Message, originalOnly: true);
        return new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset(topic, p, o),
            Message = new Message<byte[]?, byte[]?> { Key = parked.Message.Key, Value = parked.Message.Value, Headers = headers, Timestamp = parked.Message.Timestamp },
        };
    }
}
