using Platform.Messaging.Consuming;

namespace Services.Tests.Driving;

/// <summary>
/// Counts what one consumer group did with its records (from the consumer host's meter), so a
/// test can wait until every record it produced was handled, including duplicates that change
/// nothing, instead of sleeping.
/// </summary>
internal sealed class ConsumerCounters(string group) : IDisposable
{
    private readonly MeterTotals _totals = new(ConsumerMetrics.MeterName, "consumer", group);

    public long Processed => _totals.Total("consumer.events.processed");

    public long Duplicates => _totals.Total("consumer.events.duplicates");

    public long DeadLettered => _totals.Total("consumer.dead_letters");

    /// <summary>Failed attempts retried in place (deadlocks, timeouts, handler errors).</summary>
    public long Retries => _totals.Total("consumer.retries");

    public long Unknown => _totals.Total("consumer.events.unknown_type");

    /// <summary>Records the group is done with, whatever the outcome.</summary>
    public long Handled => Processed + Duplicates + DeadLettered + Unknown;

    public void Dispose() => _totals.Dispose();
}
