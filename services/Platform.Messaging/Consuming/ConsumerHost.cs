using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Kafka.Clients;
using Platform.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>
/// A consumer group member: polls Kafka, hands each partition's records to its own
/// <see cref="PartitionWorker"/>, and commits offsets that were stored after processing.
/// Guarantee: at-least-once delivery to <see cref="RecordProcessor{TContext}"/>, which with the
/// inbox makes each effect happen once; an offset is never committed before its record's
/// effect (or dead-letter copy) is durable. The processor (and its dead-letter publisher) is
/// the consumer's <see cref="IEventPipeline"/>, owned and disposed by the DI container.
/// </summary>
public sealed partial class ConsumerHost<TContext>(
    ConsumerOptions options, RecordProcessor<TContext> processor, ConsumerMetrics metrics, ILogger logger)
    : BackgroundService, IConsumerGroupMember where TContext : DbContext
{
    private readonly Dictionary<TopicPartition, PartitionWorker> _workers = [];

    /// <inheritdoc />
    public string GroupId => options.GroupId;

    /// <inheritdoc />
    public IReadOnlyCollection<string> Topics => [.. options.Topics];

    /// <inheritdoc />
    public IReadOnlyCollection<TopicPartition> Assigned
    {
        get
        {
            lock (_workers)
            {
                return _workers.Keys.ToList();
            }
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's poll call blocks: give the loop a thread of its own.
        Task.Factory.StartNew(() => PollLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void PollLoop(CancellationToken stoppingToken)
    {
        var config = ConsumerClientConfig.For(options.ClientSettings);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetPartitionsAssignedHandler((c, partitions) => Start(c, partitions))
            .SetPartitionsRevokedHandler((c, partitions) => Stop(c, partitions.Select(p => p.TopicPartition), commit: true))
            .SetPartitionsLostHandler((c, partitions) => Stop(c, partitions.Select(p => p.TopicPartition), commit: false))
            .SetErrorHandler((_, error) => LogKafkaError(error.Code, error.Reason))
            // librdkafka's own log lines go to the host's logs (structured), not to stderr.
            .SetLogHandler((_, message) => LogClient(KafkaClientLog.LevelOf(message.Level), message.Facility, message.Message))
            .Build();
        // Declared after the consumer, so disposed before it: the gauge never reads a closed consumer.
        using var lag = metrics.TrackLag(() => MeasureLag(consumer));
        consumer.Subscribe(options.Topics);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        LogStarted(options.GroupId, string.Join(',', options.Topics));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]?>? record;
                try
                {
                    record = consumer.Consume(stoppingToken);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    // E.g. a subscribed topic that does not exist yet (it appears with its first
                    // relayed event): librdkafka keeps the subscription and recovers by itself.
                    if (reported.Add(ex.Error.Reason))
                    {
                        LogConsumeError(ex.Error.Code, ex.Error.Reason);
                    }

                    continue;
                }

                if (record?.Message is null)
                {
                    continue;
                }

                PartitionWorker? worker;
                lock (_workers)
                {
                    _workers.TryGetValue(record.TopicPartition, out worker);
                }

                if (worker is null || worker.Completion.IsCompleted)
                {
                    // A worker only ends early by failing; stop so the partition is not silently stuck.
                    worker?.Completion.GetAwaiter().GetResult();
                    throw new InvalidOperationException($"No worker for {record.TopicPartition}.");
                }

                worker.Enqueue(record, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            Stop(consumer, Assigned, commit: true);
            consumer.Close();
            LogStopped(options.GroupId);
        }
    }

    private void Start(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        lock (_workers)
        {
            foreach (var partition in partitions)
            {
                _workers[partition] = new PartitionWorker(
                    options.PartitionQueueCapacity,
                    options.MaxBatchSize,
                    (records, sequences, token) => processor.ProcessAsync(records, sequences, token),
                    record => consumer.StoreOffset(record));
            }
        }

        LogAssigned(string.Join(", ", partitions));
    }

    private void Stop(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<TopicPartition> partitions, bool commit)
    {
        List<PartitionWorker> stopping;
        lock (_workers)
        {
            stopping = partitions.Where(_workers.ContainsKey).Select(p => _workers[p]).ToList();
            foreach (var partition in partitions)
            {
                _workers.Remove(partition);
            }
        }

        foreach (var worker in stopping)
        {
            worker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (!commit || stopping.Count == 0)
        {
            return;
        }

        try
        {
            // Commit what the stopped workers stored before the partitions move to another member.
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing stored since the last commit.
        }
        catch (KafkaException ex) when (!ex.Error.IsFatal)
        {
            // The group has moved on without us (e.g. our session expired while the machine was
            // starved: "Unknown member"), so the commit is refused. Nothing is lost: the next
            // owner of these partitions starts from the last committed offset and its inbox skips
            // what was already applied. Throwing here would end the poll loop and the process.
            LogRevokeCommitFailed(ex.Error.Code, ex.Error.Reason);
        }
    }

    /// <summary>
    /// Lag of each assigned partition: the high watermark librdkafka last saw in a fetch
    /// response (no broker call) minus the next offset to process. Before a partition's first
    /// record arrives, that is the consumer's fetch position. Partitions not fetched yet are left out.
    /// </summary>
    private List<Measurement<long>> MeasureLag(IConsumer<byte[]?, byte[]?> consumer)
    {
        List<KeyValuePair<TopicPartition, PartitionWorker>> assigned;
        lock (_workers)
        {
            assigned = [.. _workers];
        }

        var measurements = new List<Measurement<long>>(assigned.Count);
        foreach (var (partition, worker) in assigned)
        {
            try
            {
                var high = consumer.GetWatermarkOffsets(partition).High;
                var next = worker.NextOffset ?? consumer.Position(partition).Value;
                if (high == Offset.Unset || next < 0)
                {
                    continue;
                }

                measurements.Add(new Measurement<long>(Math.Max(0, high.Value - next),
                    new KeyValuePair<string, object?>("consumer", options.GroupId),
                    new KeyValuePair<string, object?>("topic", partition.Topic),
                    new KeyValuePair<string, object?>("partition", partition.Partition.Value)));
            }
            catch (Exception ex) when (ex is KafkaException or ObjectDisposedException)
            {
                // Revoked or closing meanwhile: no measurement for it this time.
            }
        }

        return measurements;
    }

    [LoggerMessage(Message = "Kafka client {Facility}: {Text}")]
    private partial void LogClient(LogLevel level, string facility, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {GroupId} subscribed to {Topics}")]
    private partial void LogStarted(string groupId, string topics);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer {GroupId} stopped")]
    private partial void LogStopped(string groupId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned {Partitions}")]
    private partial void LogAssigned(string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consume error {Code}: {Reason}; continuing (reported once)")]
    private partial void LogConsumeError(ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing revoked partitions failed ({Code}: {Reason}); their records are redelivered to the next owner")]
    private partial void LogRevokeCommitFailed(ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka error {Code}: {Reason}")]
    private partial void LogKafkaError(ErrorCode code, string reason);
}
