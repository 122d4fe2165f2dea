using Confluent.Kafka;
using NpgsqlTypes;
using Platform.Relay.Kafka;

namespace Platform.Relay.Cdc;

/// <summary>
/// Tracks Kafka acknowledgements in commit order and yields the highest LSN that is safe to
/// confirm to the slot: the end LSN of a transaction all of whose records, and all records of
/// every earlier transaction, Kafka acknowledged. Acks arrive out of order across partitions;
/// confirming only this contiguous prefix is what makes the relay at-least-once.
/// </summary>
internal sealed class AckTracker(RelayMetrics metrics)
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingCommit> _pending = new();
    private NpgsqlLogSequenceNumber _confirmable;
    private Exception? _failure;

    /// <summary>Highest LSN safe to confirm.</summary>
    public NpgsqlLogSequenceNumber Confirmable
    {
        get
        {
            lock (_gate)
            {
                return _confirmable;
            }
        }
    }

    /// <summary>Commit time of the oldest unacknowledged transaction, or null when all are acknowledged.</summary>
    public DateTime? OldestPending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : _pending.Peek().CommittedAt;
            }
        }
    }

    /// <summary>Registers a transaction of <paramref name="records"/> records before they are produced.</summary>
    public PendingCommit Begin(NpgsqlLogSequenceNumber endLsn, DateTime committedAt, int records)
    {
        var commit = new PendingCommit(endLsn, committedAt) { Remaining = records };
        lock (_gate)
        {
            _pending.Enqueue(commit);
            Drain();
        }

        return commit;
    }

    /// <summary>Delivery report handler (librdkafka's delivery thread).</summary>
    public void OnDelivered(PendingCommit commit, DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            // Never skip: the LSN stays unconfirmed and the stream stops; a restart resumes
            // from the last confirmed LSN and produces the transaction again.
            lock (_gate)
            {
                _failure ??= new ProduceException<byte[], byte[]>(report.Error, report);
            }

            return;
        }

        metrics.Acknowledged(commit.CommittedAt, DateTime.UtcNow);
        lock (_gate)
        {
            commit.Remaining--;
            Drain();
        }
    }

    /// <summary>Marks a fatal producer error; the stream stops at the next check.</summary>
    public void Fail(Exception error)
    {
        lock (_gate)
        {
            _failure ??= error;
        }
    }

    /// <summary>Throws the first delivery failure, if any.</summary>
    public void ThrowIfFailed()
    {
        Exception? failure;
        lock (_gate)
        {
            failure = _failure;
        }

        if (failure is not null)
        {
            throw failure is RelayFatalException ? failure : new KafkaDeliveryException(failure);
        }
    }

    private void Drain()
    {
        while (_pending.Count > 0 && _pending.Peek().Remaining == 0 && _failure is null)
        {
            _confirmable = _pending.Dequeue().EndLsn;
        }
    }
}
