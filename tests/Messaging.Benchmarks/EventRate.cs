using System.Diagnostics;

namespace Messaging.Benchmarks;

/// <summary>Counts measurements and times the span from the first to the last one.</summary>
internal sealed class EventRate
{
    private readonly Lock _gate = new();
    private long _count;
    private long _first;
    private long _last;

    public long Count => Interlocked.Read(ref _count);

    public double Rate
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 ? double.NaN : _count / Math.Max(Stopwatch.GetElapsedTime(_first, _last).TotalSeconds, 1e-9);
            }
        }
    }

    public void Add(long value)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (_count == 0)
            {
                _first = now;
            }

            _last = now;
            _count += value;
        }
    }
}
