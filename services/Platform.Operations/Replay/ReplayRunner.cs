using System.Diagnostics;
using Confluent.Kafka;
using Platform.Kafka.Clients;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>
/// Runs a planned replay: reads the ranges with a throwaway consumer that only assigns
/// partitions and never commits (see <see cref="ReplayConsumerConfig"/>), filters, paces, hands
/// matched records to the sink, and advances the checkpoint only after the sink made everything
/// before it durable (<see cref="IReplaySink.FlushAsync"/>: Kafka acks or committed transactions).
/// Cancellation stops cleanly: what was flushed is in the checkpoint, the rest is re-read next time.
/// </summary>
public static class ReplayRunner
{
    /// <summary>How many read records between two checkpoint saves.</summary>
    public const int CheckpointEvery = 5_000;

    /// <summary>How many read records between two progress reports (a consumer's pipeline applies hundreds, not thousands, per second).</summary>
    public const int ProgressEvery = 100;

    /// <summary>Runs <paramref name="request"/>; <paramref name="sink"/> is null for a dry run.</summary>
    public static async Task<ReplaySummary> RunAsync(
        string bootstrapServers, ReplayRequest request, IReplaySink? sink, string replayId,
        IProgress<ReplayProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var checkpoint = request.DryRun ? ReplayCheckpoint.Load(null) : ReplayCheckpoint.Load(request.CheckpointPath);
        var ranges = ReplayPlanner.Plan(bootstrapServers, request, checkpoint);
        var stats = request.Topics.Distinct().ToDictionary(t => t, _ => new ReplayTopicStats(), StringComparer.Ordinal);
        var total = ranges.Sum(r => r.Count);
        var open = ranges.Where(r => r.Count > 0).ToDictionary(r => r.Partition);
        if (open.Count == 0)
        {
            return new ReplaySummary(replayId, stats, true);
        }

        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ReplayReaderConfig.Create(bootstrapServers)).Build();
        consumer.Assign(open.Values.Select(r => new TopicPartitionOffset(r.Partition, r.Start)));
        var next = new Dictionary<TopicPartition, long>();
        long read = 0;
        long delivered = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (open.Count > 0)
            {
                var record = consumer.Consume(cancellationToken);
                if (record is null || record.IsPartitionEOF || !open.TryGetValue(record.TopicPartition, out var range))
                {
                    // End of partition at or past the planned end: done (the offsets between
                    // may be transaction markers, which are never delivered). An EOF before it
                    // only means the fetched data ran out for now: keep reading.
                    if (record is { IsPartitionEOF: true } && open.TryGetValue(record.TopicPartition, out var ended) && record.Offset.Value >= ended.End)
                    {
                        open.Remove(record.TopicPartition);
                        next[record.TopicPartition] = ended.End;
                    }

                    continue;
                }

                if (record.Offset.Value >= range.End)
                {
                    open.Remove(record.TopicPartition);
                    continue;
                }

                read++;
                var topic = stats[record.Topic];
                topic.Read++;
                if (request.Filter.Matches(record.Message))
                {
                    topic.Matched++;
                    var type = ReplayFilter.EventTypeOf(record.Message) ?? "(none)";
                    topic.ByEventType[type] = topic.ByEventType.GetValueOrDefault(type) + 1;
                    if (sink is null)
                    {
                        topic.Skipped++;
                    }
                    else
                    {
                        await PaceAsync(request.RatePerSecond, ++delivered, clock, cancellationToken);
                        await sink.DeliverAsync(record, topic, cancellationToken);
                    }
                }

                next[record.TopicPartition] = record.Offset.Value + 1;
                if (record.Offset.Value + 1 >= range.End)
                {
                    open.Remove(record.TopicPartition);
                }

                if (read % ProgressEvery == 0)
                {
                    progress?.Report(new ReplayProgress(read, total));
                }

                if (read % CheckpointEvery == 0)
                {
                    await SaveAsync(sink, checkpoint, next, request.DryRun, cancellationToken);
                }
            }

            await SaveAsync(sink, checkpoint, next, request.DryRun, cancellationToken);
            progress?.Report(new ReplayProgress(read, total));
            return new ReplaySummary(replayId, stats, true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stop cleanly: wait for what is in flight (without the cancelled token), then save.
            await SaveAsync(sink, checkpoint, next, request.DryRun, CancellationToken.None);
            return new ReplaySummary(replayId, stats, false);
        }
        finally
        {
            // Close leaves no group state behind: nothing was ever committed for this group id.
            consumer.Close();
        }
    }

    private static async Task SaveAsync(IReplaySink? sink, ReplayCheckpoint checkpoint, Dictionary<TopicPartition, long> next, bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun || sink is null)
        {
            return;
        }

        // The checkpoint moves only after every record before it is durable at the sink.
        await sink.FlushAsync(cancellationToken);
        foreach (var (partition, offset) in next)
        {
            checkpoint.Advance(partition, offset);
        }

        checkpoint.Save();
    }

    private static async Task PaceAsync(double? rate, long delivered, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (rate is not { } perSecond)
        {
            return;
        }

        var due = TimeSpan.FromSeconds(delivered / perSecond);
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed, cancellationToken);
        }
    }
}
