using System.Diagnostics.Metrics;
using Bench.Reporting;
using Platform.Relay;

namespace Relay.Benchmarks;

/// <summary>Listens to the relay's own instruments: events acknowledged and commit-to-ack latencies.</summary>
internal sealed class RelayProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _latencies = [];
    private long _relayed;
    private bool _recordLatency;

    public RelayProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RelayMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _relayed, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (_recordLatency && instrument.Name == "relay.commit_to_ack.duration")
            {
                lock (_latencies)
                {
                    _latencies.Add(value);
                }
            }
        });
        _listener.Start();
    }

    public long Relayed => Interlocked.Read(ref _relayed);

    public void Reset(bool recordLatency)
    {
        Interlocked.Exchange(ref _relayed, 0);
        lock (_latencies)
        {
            _latencies.Clear();
            _recordLatency = recordLatency;
        }
    }

    /// <summary>p50/p95/p99 of the commit-to-ack latencies recorded since the last reset.</summary>
    public LatencySummary Latency()
    {
        lock (_latencies)
        {
            return Percentiles.Summarize(_latencies);
        }
    }

    public void Dispose() => _listener.Dispose();
}
