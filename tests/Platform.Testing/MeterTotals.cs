using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.Testing;

/// <summary>
/// Sums, per instrument, the long measurements of one meter that carry one tag value (e.g. the
/// consumer meter's counters for one consumer group), so a test can wait on what a component
/// did instead of sleeping.
/// </summary>
public sealed class MeterTotals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public MeterTotals(string meterName, string tagKey, object tagValue)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == tagKey && Equals(tag.Value, tagValue))
                {
                    _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements so far (0 before any).</summary>
    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
