using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Kafka.Clients;
using Platform.Kafka.DeadLetters;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>
/// Re-publishes records to a topic with their key, value, headers and timestamp, plus
/// <see cref="ReplayHeaders"/>. The producer partitions with murmur2 (<c>Partitioner.Murmur2Random</c>,
/// the Java client's default), so a key lands on the partition Kafka Connect chose for it on a
/// topic with as many partitions; idempotent with acks=all, so a retry never duplicates or reorders.
/// <see cref="ForRedrive"/> sends dead-lettered records back where they came from instead.
/// </summary>
public sealed class TopicReplaySink : IReplaySink
{
    private readonly string? _target;
    private readonly string _replayId;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly Lock _gate = new();
    private Error? _failure;
    private long _pending;

    /// <summary>Creates the sink publishing to <paramref name="target"/> for run <paramref name="replayId"/>.</summary>
    public TopicReplaySink(string bootstrapServers, string? target, string replayId)
    {
        _target = target;
        _replayId = replayId;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(KafkaClientProperties.Apply(RepublishProducerConfig.Create(bootstrapServers))).Build();
    }

    /// <summary>
    /// A sink that re-publishes each parked record of a <c>{consumer}.dlq</c> topic to its original
    /// topic (<c>dlq.original.topic</c>) with its original headers only: every <c>dlq.*</c> header
    /// is stripped. Same key, same murmur2 partition; consumers apply it at most once through their inbox.
    /// </summary>
    public static TopicReplaySink ForRedrive(string bootstrapServers, string replayId) => new(bootstrapServers, null, replayId);

    /// <inheritdoc />
    public Task DeliverAsync(ConsumeResult<byte[]?, byte[]?> record, ReplayTopicStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stats);
        // A redrive (no fixed target) restores the original headers; a replay keeps them all.
        var headers = ParkedRecord.CopyHeaders(record.Message, originalOnly: _target is null);

        var target = _target ?? ReplayFilter.HeaderText(record.Message, DeadLetterHeaders.OriginalTopic)
            ?? throw new ReplayException(ReplayExitCode.BadInput, $"{record.TopicPartitionOffset} has no {DeadLetterHeaders.OriginalTopic} header: not a parked record.");

        headers.Add(ReplayHeaders.Source, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{record.Topic}/{record.Partition.Value}/{record.Offset.Value}")));
        headers.Add(ReplayHeaders.Id, Encoding.UTF8.GetBytes(_replayId));
        var copy = new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers, Timestamp = record.Message.Timestamp };
        Interlocked.Increment(ref _pending);
        // Produce (not ProduceAsync): no task per record; the delivery report counts the ack.
        while (true)
        {
            try
            {
                _producer.Produce(target, copy, OnDelivered);
                return Task.CompletedTask;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: let acknowledgements drain the local queue, then try again.
                cancellationToken.ThrowIfCancellationRequested();
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }

        void OnDelivered(DeliveryReport<byte[]?, byte[]?> report)
        {
            lock (_gate)
            {
                if (report.Error.IsError)
                {
                    _failure ??= report.Error;
                }
                else
                {
                    stats.Published++;
                }
            }

            Interlocked.Decrement(ref _pending);
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _pending) > 0)
        {
            _producer.Flush(TimeSpan.FromMilliseconds(100));
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
        }

        lock (_gate)
        {
            if (_failure is { } failure)
            {
                throw new ReplayException(ReplayExitCode.Failed, $"Kafka did not acknowledge a replayed record: {failure.Reason}");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _producer.Dispose();
}
