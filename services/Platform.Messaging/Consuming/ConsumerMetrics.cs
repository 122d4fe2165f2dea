using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Instruments of every consumer, tagged with the consumer name (meter <c>Platform.Messaging</c>):
/// counters of record outcomes, and the lag gauge each running consumer feeds through <see cref="TrackLag"/>.
/// </summary>
public sealed class ConsumerMetrics : IDisposable
{
    /// <summary>Meter name, for exporters.</summary>
    public const string MeterName = PlatformTelemetry.MessagingName;

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<object, Func<IEnumerable<Measurement<long>>>> _lagSources = new();

    /// <summary>Creates the instruments.</summary>
    public ConsumerMetrics()
    {
        Processed = _meter.CreateCounter<long>("consumer.events.processed", description: "Events whose effect committed.");
        Duplicates = _meter.CreateCounter<long>("consumer.events.duplicates", description: "Redelivered events skipped by the inbox.");
        Unknown = _meter.CreateCounter<long>("consumer.events.unknown_type", description: "Events of types without a handler, skipped.");
        Retries = _meter.CreateCounter<long>("consumer.retries", description: "Handler attempts that failed and were retried.");
        DeadLettered = _meter.CreateCounter<long>("consumer.dead_letters", description: "Records parked in the dead-letter topic.");
        SequenceAnomalies = _meter.CreateCounter<long>("consumer.sequence.anomalies", description: "Events whose aggregate sequence showed a gap or went backwards.");
        _meter.CreateObservableGauge("consumer.lag", () => _lagSources.Values.SelectMany(source => source()), "{record}",
            "Records of an assigned partition not processed yet: high watermark - next offset to process.");
    }

    /// <summary>
    /// Adds <paramref name="measure"/> (one measurement per assigned partition) to the
    /// <c>consumer.lag</c> gauge until the returned handle is disposed.
    /// </summary>
    public IDisposable TrackLag(Func<IEnumerable<Measurement<long>>> measure)
    {
        var key = new object();
        _lagSources[key] = measure;
        return new LagRegistration(() => _lagSources.TryRemove(key, out _));
    }

    /// <summary>Events whose effect committed.</summary>
    public Counter<long> Processed { get; }

    /// <summary>Redelivered events skipped by the inbox.</summary>
    public Counter<long> Duplicates { get; }

    /// <summary>Events of unknown type, skipped.</summary>
    public Counter<long> Unknown { get; }

    /// <summary>Failed attempts that were retried.</summary>
    public Counter<long> Retries { get; }

    /// <summary>Records parked in the dead-letter topic.</summary>
    public Counter<long> DeadLettered { get; }

    /// <summary>Sequence gaps or reorderings seen.</summary>
    public Counter<long> SequenceAnomalies { get; }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private sealed class LagRegistration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
