using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Relay;

/// <summary>
/// The relay's instruments on meter <see cref="MeterName"/>: events relayed, slot lag (bytes
/// and seconds), commit-to-ack latency and (CDC) the share of it spent before the relay read the
/// commit.
/// </summary>
public sealed class RelayMetrics : IDisposable
{
    /// <summary>Name of the relay's meter.</summary>
    public const string MeterName = PlatformTelemetry.RelayName;

    private readonly Meter _meter;
    private readonly Counter<long> _relayed;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _readLatency;
    private long _lagBytes;
    private double _lagSeconds;

    /// <summary>Creates the instruments through <paramref name="meterFactory"/>.</summary>
    public RelayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _relayed = _meter.CreateCounter<long>("relay.events.relayed", "{event}", "Outbox events Kafka acknowledged.");
        _latency = _meter.CreateHistogram<double>("relay.commit_to_ack.duration", "ms", "From the outbox transaction's commit to Kafka's acknowledgement.");
        _readLatency = _meter.CreateHistogram<double>("relay.commit_to_read.duration", "ms",
            "CDC: from the outbox transaction's commit to the relay reading its commit from the slot (PostgreSQL's share of commit-to-ack).");
        _meter.CreateObservableGauge("relay.slot.lag.bytes", () => Volatile.Read(ref _lagBytes), "By",
            "WAL the slot retains: pg_current_wal_lsn() - confirmed_flush_lsn (CDC), or bytes of unrelayed rows (polling: 0).");
        _meter.CreateObservableGauge("relay.lag.seconds", () => Volatile.Read(ref _lagSeconds), "s",
            "Age of the oldest committed event not yet acknowledged by Kafka.");
    }

    /// <summary>Records one acknowledged event committed at <paramref name="committedAt"/>.</summary>
    public void Acknowledged(DateTime committedAt, DateTime now)
    {
        _relayed.Add(1);
        _latency.Record((now - committedAt).TotalMilliseconds);
    }

    /// <summary>Records that a transaction committed at <paramref name="committedAt"/> was read from the slot at <paramref name="now"/>.</summary>
    public void Read(DateTime committedAt, DateTime now) => _readLatency.Record((now - committedAt).TotalMilliseconds);

    /// <summary>Sets the slot lag in bytes.</summary>
    public void SetLagBytes(long bytes) => Volatile.Write(ref _lagBytes, bytes);

    /// <summary>Sets the lag in seconds.</summary>
    public void SetLagSeconds(double seconds) => Volatile.Write(ref _lagSeconds, seconds);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
