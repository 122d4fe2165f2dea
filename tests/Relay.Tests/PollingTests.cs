using Platform.Persistence.Outbox;

namespace Relay.Tests;

/// <summary>
/// Polling mode (no logical replication): events arrive in per-aggregate order across many
/// overlapping batches and each row is deleted once Kafka acknowledged it; an outbox in DeleteAfterInsert mode (nothing to poll) is
/// refused with a message. Its record contract is covered by ConformanceTests("Polling").
/// </summary>
[Parallelizable]
public class PollingTests
{
    [Test]
    public async Task polled_rows_are_relayed_in_order_and_deleted_after_kafka_acknowledged_them()
    {
        await using var scenario = await RelayScenario.CreateAsync("polling", requireLogical: false);
        var events = scenario.Events(3000, aggregates: 30);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, events);
        // 30 batches: consecutive batches overlap (one produced while the one before commits).
        await scenario.StartRelayAsync("Polling", overrides: new Dictionary<string, string?> { ["Relay:PollingBatchSize"] = "100" });

        var ids = events.Select(e => e.Id.ToString()).ToHashSet();
        var records = await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, ids), TimeSpan.FromSeconds(60));
        DeliveryChecks.AssertPerAggregateOrder(records);
        await Eventually.WaitAsync(async () => await scenario.ScalarAsync<long>("SELECT count(*) FROM outbox") == 0, "the relayed rows to be deleted");
    }

    [Test]
    public async Task polling_refuses_an_outbox_that_deletes_rows_in_their_inserting_transaction()
    {
        await using var scenario = await RelayScenario.CreateAsync("pollrefuse", OutboxCleanupMode.DeleteAfterInsert, requireLogical: false);
        var relay = await scenario.StartRelayAsync("Polling", waitUntilStreaming: false);
        await Eventually.WaitAsync(() => Task.FromResult(relay.Status.Fatal is not null), "the polling relay to refuse");
        Assert.That(relay.Status.Fatal!.Message, Does.Contain("DeleteAfterInsert").And.Contain("Relay:Mode"));
        Environment.ExitCode = 0;
    }
}
