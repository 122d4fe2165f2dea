using Confluent.Kafka;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Messaging.Consuming;
using Platform.Operations.Replay;

namespace Platform.Operations.DeadLetters;

/// <summary>
/// Operations on a consumer's dead-letter topic <c>{consumer}.dlq</c>, built on the replay
/// reader (assign, never commit): listing and redriving never move any group's offsets.
/// </summary>
public static class DeadLetterOperations
{
    /// <summary>The parked records selected by <paramref name="filter"/>, optionally within an offset range.</summary>
    public static async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ListAsync(
        string bootstrapServers, string consumer, ReplayFilter filter, long? fromOffset, long? toOffset, CancellationToken cancellationToken)
    {
        using var sink = new CollectingReplaySink();
        var request = new ReplayRequest { Topics = [DeadLetterHeaders.TopicFor(consumer)], Filter = filter, FromOffset = fromOffset, ToOffset = toOffset };
        await ReplayRunner.RunAsync(bootstrapServers, request, sink, "dlq-list", null, cancellationToken);
        return sink.Records;
    }

    /// <summary>
    /// Sends the selected parked records back to their original topics with their original headers
    /// (<see cref="TopicReplaySink.ForRedrive"/>); returns once Kafka acknowledged them all.
    /// </summary>
    public static Task<ReplaySummary> RedriveAsync(
        string bootstrapServers, string consumer, ReplayFilter filter, long? fromOffset, long? toOffset, CancellationToken cancellationToken) =>
        RedriveAsync(bootstrapServers, consumer, [], filter, fromOffset, toOffset, cancellationToken);

    /// <summary>
    /// As <see cref="RedriveAsync(string, string, ReplayFilter, long?, long?, CancellationToken)"/>, reading only
    /// <paramref name="partitions"/> of the dead-letter topic (empty: all). One partition with the
    /// same start and end offset selects exactly one parked record (the dashboard's Redrive button).
    /// At least once: a record is re-published again if the run is repeated; consumers drop an event
    /// id their inbox already holds, so a repeated redrive changes nothing within the replay horizon.
    /// </summary>
    public static Task<ReplaySummary> RedriveAsync(
        string bootstrapServers, string consumer, IReadOnlyCollection<int> partitions, ReplayFilter filter, long? fromOffset, long? toOffset,
        CancellationToken cancellationToken)
    {
        var replayId = Guid.CreateVersion7().ToString();
        var request = new ReplayRequest
        {
            Topics = [DeadLetterHeaders.TopicFor(consumer)], Partitions = partitions, Filter = filter, FromOffset = fromOffset, ToOffset = toOffset,
        };
        return RunAsync(bootstrapServers, request, replayId, cancellationToken);
    }

    /// <summary>
    /// Delivers the selected parked records of <paramref name="pipeline"/>'s dead-letter topic
    /// (<c>{GroupId}.dlq</c>) straight into its pipeline, each looking like the original record
    /// (<see cref="ConsumerReplaySink.ForRedrive"/>); returns once every one is applied, found a
    /// duplicate by the inbox, skipped or parked again. Idempotent: redriving the same records
    /// again applies nothing twice.
    /// </summary>
    public static async Task<ReplaySummary> RedriveIntoConsumerAsync(
        string bootstrapServers, IEventPipeline pipeline, ReplayFilter filter, long? fromOffset, long? toOffset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var replayId = Guid.CreateVersion7().ToString();
        var request = new ReplayRequest { Topics = [DeadLetterHeaders.TopicFor(pipeline.GroupId)], Filter = filter, FromOffset = fromOffset, ToOffset = toOffset };
        using var sink = ConsumerReplaySink.ForRedrive(pipeline);
        return await ReplayRunner.RunAsync(bootstrapServers, request, sink, replayId, null, cancellationToken);
    }

    private static async Task<ReplaySummary> RunAsync(string bootstrapServers, ReplayRequest request, string replayId, CancellationToken cancellationToken)
    {
        using var sink = TopicReplaySink.ForRedrive(bootstrapServers, replayId);
        return await ReplayRunner.RunAsync(bootstrapServers, request, sink, replayId, null, cancellationToken);
    }
}
