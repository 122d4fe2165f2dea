namespace Relay.Tests;

/// <summary>
/// Only committed transactions become records, and a large one whole: a rolled-back transaction
/// between two committed ones never appears; a single 10,000-row transaction arrives complete
/// (every id, in sequence order). Does not cover crashes mid-transaction (CrashTests).
/// </summary>
[Parallelizable]
public class TransactionTests
{
    [Test]
    public async Task a_rolled_back_transaction_never_reaches_kafka()
    {
        await using var scenario = await RelayScenario.CreateAsync("rollback");
        await scenario.StartRelayAsync();
        var before = scenario.Events(1);
        var rolledBack = scenario.Events(5);
        var after = scenario.Events(1);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, before);
        await using (var connection = await scenario.Database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Outbox.InsertAsync(connection, transaction, rolledBack);
            await transaction.RollbackAsync();
        }

        await Outbox.InsertCommittedAsync(scenario.ConnectionString, after);

        // The relay produces in commit order, so once "after" is there, anything of the rolled-back one would be too.
        var expected = before.Concat(after).Select(e => e.Id.ToString()).ToHashSet();
        var records = await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, expected), TimeSpan.FromSeconds(30));
        var rolledBackIds = rolledBack.Select(e => e.Id.ToString()).ToHashSet();
        Assert.That(records.Select(r => TopicReader.Header(r, "id")).Where(rolledBackIds.Contains), Is.Empty);
    }

    [Test]
    public async Task a_ten_thousand_row_transaction_is_delivered_whole()
    {
        await using var scenario = await RelayScenario.CreateAsync("bigtx");
        await scenario.StartRelayAsync();
        var events = scenario.Events(10_000, aggregates: 10);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, events);

        var ids = events.Select(e => e.Id.ToString()).ToHashSet();
        var records = await TopicReader.ReadAsync(scenario.Topic, read => DeliveryChecks.ContainsAll(read, ids), TimeSpan.FromSeconds(60));
        Assert.That(records.Select(r => TopicReader.Header(r, "id")).Distinct().Count(), Is.EqualTo(10_000));
        DeliveryChecks.AssertPerAggregateOrder(records);
    }
}
