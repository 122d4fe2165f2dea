using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Relay;

namespace Relay.Tests;

/// <summary>
/// The CDC relay's latency instruments: every acknowledged event records its commit-to-ack time,
/// and every outbox transaction records once when its commit was read from the slot, which is the
/// database's share of the same interval and so never more than any of its events' commit-to-ack.
/// </summary>
[Parallelizable]
public class MetricsTests
{
    [Test]
    public async Task each_transaction_records_its_commit_to_read_once_and_no_more_than_its_events_commit_to_ack()
    {
        await using var scenario = await RelayScenario.CreateAsync("metrics");
        var relay = await scenario.StartRelayAsync();
        var meters = relay.Services.GetRequiredService<IMeterFactory>();
        var read = new List<double>();
        var ack = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this test's relay: its host's meter factory owns its meter.
            if (instrument.Meter.Name == RelayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (read)
            {
                (instrument.Name == "relay.commit_to_read.duration" ? read : instrument.Name == "relay.commit_to_ack.duration" ? ack : null)?.Add(value);
            }
        });
        listener.Start();

        for (var transaction = 1; transaction <= 3; transaction++)
        {
            await Outbox.InsertCommittedAsync(scenario.ConnectionString, scenario.Events(2, firstSequence: (transaction * 2) - 1));
            await Eventually.WaitAsync(() => Task.FromResult(Count(ack) == transaction * 2), $"both events of transaction {transaction} to be acknowledged");
            lock (read)
            {
                Assert.That(read, Has.Count.EqualTo(transaction), "one commit-to-read per outbox transaction");
                Assert.That(read[^1], Is.GreaterThanOrEqualTo(0).And.LessThanOrEqualTo(ack.TakeLast(2).Min()),
                    $"transaction {transaction}: commit-to-read {read[^1]} ms, commit-to-ack {string.Join(", ", ack.TakeLast(2))} ms");
            }
        }

        int Count(List<double> values)
        {
            lock (read)
            {
                return values.Count;
            }
        }
    }
}
