using System.Diagnostics.Metrics;
using Platform.Messaging.Consuming;

namespace Services.Tests.Driving;

/// <summary>
/// Counts what one consumer group did with its records (from the consumer host's meter), so a
/// test can wait until every record it produced was handled, including duplicates that change
/// nothing, instead of sleeping.
/// </summary>
internal sealed class ConsumerCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _group;
    private long _processed;
    private long _duplicates;
    private long _deadLettered;
    private long _unknown;
    private long _retries;

    public ConsumerCounters(string group)
    {
        _group = group;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConsumerMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public long Processed => Interlocked.Read(ref _processed);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Failed attempts retried in place (deadlocks, timeouts, handler errors).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Records the group is done with, whatever the outcome.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    public long Handled => Processed + Duplicates + DeadLettered + Interlocked.Read(ref _unknown);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != "consumer" || !Equals(tag.Value, _group))
            {
                continue;
            }

            switch (instrument.Name)
            {
                case "consumer.events.processed": Interlocked.Add(ref _processed, value); break;
                case "consumer.events.duplicates": Interlocked.Add(ref _duplicates, value); break;
                case "consumer.dead_letters": Interlocked.Add(ref _deadLettered, value); break;
                case "consumer.events.unknown_type": Interlocked.Add(ref _unknown, value); break;
                case "consumer.retries": Interlocked.Add(ref _retries, value); break;
            }
        }
    }
}
