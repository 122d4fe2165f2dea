using System.Diagnostics.Metrics;
using Bench.Reporting;
using Platform.Relay;

namespace Relay.Benchmarks;

/// <summary>Listens to the relay's own instruments: events acknowledged and commit-to-ack latencies.</summary>
internal sealed class RelayProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _latencies = [];
    private readonly List<double> _readLatencies = [];
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
            var list = instrument.Name switch
            {
                "relay.commit_to_ack.duration" => _latencies,
                "relay.commit_to_read.duration" => _readLatencies,
                _ => null,
            };
            if (list is not null)
            {
                lock (_latencies)
                {
                    if (_recordLatency)
                    {
                        list.Add(value);
                    }
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
            _readLatencies.Clear();
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

    /// <summary>
    /// p50/p95/p99 of the commit-to-read latencies (CDC: commit time to the relay reading the
    /// commit from the slot, PostgreSQL's share) recorded since the last reset; null in polling mode.
    /// </summary>
    public LatencySummary? ReadLatency()
    {
        lock (_latencies)
        {
            return _readLatencies.Count == 0 ? null : Percentiles.Summarize(_readLatencies);
        }
    }

    public void Dispose() => _listener.Dispose();
}
