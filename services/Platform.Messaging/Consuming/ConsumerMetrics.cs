using System.Diagnostics.Metrics;

namespace Platform.Messaging.Consuming;

/// <summary>Counters of every consumer, tagged with the consumer name (meter <c>Platform.Messaging</c>).</summary>
public sealed class ConsumerMetrics : IDisposable
{
    /// <summary>Meter name, for exporters.</summary>
    public const string MeterName = "Platform.Messaging";

    private readonly Meter _meter = new(MeterName);

    /// <summary>Creates the instruments.</summary>
    public ConsumerMetrics()
    {
        Processed = _meter.CreateCounter<long>("consumer.events.processed", description: "Events whose effect committed.");
        Duplicates = _meter.CreateCounter<long>("consumer.events.duplicates", description: "Redelivered events skipped by the inbox.");
        Unknown = _meter.CreateCounter<long>("consumer.events.unknown_type", description: "Events of types without a handler, skipped.");
        Retries = _meter.CreateCounter<long>("consumer.retries", description: "Handler attempts that failed and were retried.");
        DeadLettered = _meter.CreateCounter<long>("consumer.dead_letters", description: "Records parked in the dead-letter topic.");
        SequenceAnomalies = _meter.CreateCounter<long>("consumer.sequence.anomalies", description: "Events whose aggregate sequence showed a gap or went backwards.");
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
}
