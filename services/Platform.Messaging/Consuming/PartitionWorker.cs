using System.Threading.Channels;
using Confluent.Kafka;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Processes one assigned partition's records in order, on its own task, so partitions proceed
/// concurrently while each keeps its order. Stores a record's offset only after it was
/// processed (see <see cref="RecordProcessor{TContext}"/>); the consumer commits stored offsets.
/// </summary>
internal sealed class PartitionWorker : IAsyncDisposable
{
    private readonly Channel<ConsumeResult<byte[]?, byte[]?>> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private long _next = -1;

    public PartitionWorker(int capacity, int maxBatch, Func<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>, SequenceTracker, CancellationToken, Task> process, Action<ConsumeResult<byte[]?, byte[]?>> storeOffset)
    {
        _queue = Channel.CreateBounded<ConsumeResult<byte[]?, byte[]?>>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        var sequences = new SequenceTracker();
        _run = Task.Run(async () =>
        {
            var batch = new List<ConsumeResult<byte[]?, byte[]?>>(maxBatch);
            while (await _queue.Reader.WaitToReadAsync(_stop.Token))
            {
                // Whatever is already queued, up to maxBatch, goes in one batch: no waiting to fill it.
                batch.Clear();
                while (batch.Count < maxBatch && _queue.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                try
                {
                    await process(batch, sequences, _stop.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && _stop.IsCancellationRequested)
                {
                    // The attempt in progress failed while it was being abandoned (e.g. its
                    // connection was cut by a database restart as the partition was revoked):
                    // abandoned all the same. Its offset is not stored; the next owner redoes it.
                    throw new OperationCanceledException("Stopped while the attempt in progress failed.", ex, _stop.Token);
                }

                storeOffset(batch[^1]);
                Volatile.Write(ref _next, batch[^1].Offset.Value + 1);
            }
        });
    }

    /// <summary>Queues a record; waits while the queue is full (back-pressure on the poll loop).</summary>
    public void Enqueue(ConsumeResult<byte[]?, byte[]?> record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        // The first record since assignment is the first one not processed yet.
        Interlocked.CompareExchange(ref _next, record.Offset.Value, -1);
        if (!_queue.Writer.TryWrite(record))
        {
            _queue.Writer.WriteAsync(record, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Stops: the record in progress is abandoned (its transaction rolls back and its offset is
    /// not stored, so it is redelivered to whoever owns the partition next); queued ones are dropped likewise.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Expected: stopping cancels the record in progress.
        }

        _stop.Dispose();
    }

    /// <summary>Offset of the next record to process, or null before the first record arrived.</summary>
    public long? NextOffset => Volatile.Read(ref _next) is var next and >= 0 ? next : null;

    /// <summary>Task of the worker loop, to observe a crash.</summary>
    public Task Completion => _run;
}
