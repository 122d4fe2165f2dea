namespace Platform.Messaging.Consuming;

/// <summary>
/// Remembers the last sequence number seen per aggregate (for one partition) to spot gaps and
/// reordering. In memory and bounded: after a restart or an eviction the next event of an
/// aggregate is taken as the new baseline. Redeliveries (same or lower sequence of an event
/// already seen) are expected under at-least-once and reported as such by the caller.
/// </summary>
public sealed class SequenceTracker(int capacity = 100_000)
{
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>What <paramref name="sequence"/> says about the aggregate's event stream.</summary>
    public SequenceCheck Observe(string aggregateId, long sequence)
    {
        if (!_last.TryGetValue(aggregateId, out var last))
        {
            Remember(aggregateId, sequence);
            return SequenceCheck.InOrder;
        }

        if (sequence == last + 1)
        {
            _last[aggregateId] = sequence;
            return SequenceCheck.InOrder;
        }

        if (sequence > last + 1)
        {
            _last[aggregateId] = sequence;
            return SequenceCheck.Gap;
        }

        return SequenceCheck.Behind;
    }

    private void Remember(string aggregateId, long sequence)
    {
        if (_last.Count >= capacity && _order.TryDequeue(out var oldest))
        {
            _last.Remove(oldest);
        }

        _last[aggregateId] = sequence;
        _order.Enqueue(aggregateId);
    }
}
