using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts;
using Platform.Operations.Source;
using Platform.Operations;
using Platform.Persistence.Outbox;

namespace Relay.Tests;

/// <summary>
/// Rewind at the source: re-emitting retained outbox rows (delete + re-insert unchanged in one
/// transaction) through the embedded CDC relay, and the refusals when rows are not retained.
/// </summary>
public sealed class OutboxReemitTests
{
    /// <summary>
    /// A re-emitted row is published a second time with the same id header, key and payload, while
    /// the relay's publication also publishes DELETEs (worse than the default 'insert, update'): the
    /// relay skips the delete and keeps streaming, shown by a later event arriving after the copy.
    /// Does not cover Debezium (its EventRouter drops deletes itself; see the CLI README).
    /// </summary>
    [Test]
    public async Task Reemitted_row_is_published_again_with_the_same_id_key_and_payload_and_the_relay_keeps_running()
    {
        await using var scenario = await RelayScenario.CreateAsync("reemit_relay");
        await ExecuteAsync(scenario, $"CREATE PUBLICATION {scenario.PublicationName} FOR TABLE outbox"); // insert, update, delete, truncate
        var relay = await scenario.StartRelayAsync();
        var events = scenario.Events(2, aggregates: 2);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, events);
        await TopicReader.ReadAsync(scenario.Topic, r => r.Count >= 2, TimeSpan.FromSeconds(30));

        var selection = new OutboxSelection { From = events[0].Timestamp.AddSeconds(-1), AggregateIds = new HashSet<string> { events[0].AggregateId } };
        var reemitted = await OutboxReemitter.ReemitAsync(scenario.ConnectionString, selection, 100, null, CancellationToken.None);
        var later = TestEvent.For(scenario.AggregateType, events[1].AggregateId, 2);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, [later]);
        var records = await TopicReader.ReadAsync(scenario.Topic, r => r.Any(x => TopicReader.Header(x, OutboxHeaders.EventId) == later.Id.ToString()), TimeSpan.FromSeconds(30));

        var copies = records.Where(r => TopicReader.Header(r, OutboxHeaders.EventId) == events[0].Id.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(reemitted, Is.EqualTo(1));
            Assert.That(copies, Has.Count.EqualTo(2), "the original and the re-emitted copy");
            Assert.That(copies.Select(c => System.Text.Encoding.UTF8.GetString(c.Message.Key)), Is.All.EqualTo(events[0].AggregateId));
            Assert.That(copies.Select(c => c.Message.Value), Is.All.EqualTo(events[0].Payload));
            Assert.That(records.Count(r => TopicReader.Header(r, OutboxHeaders.EventId) == events[1].Id.ToString()), Is.EqualTo(1), "not selected, not re-emitted");
            Assert.That(relay.Status.Streaming, Is.True);
            Assert.That(relay.Stopping.IsCancellationRequested, Is.False);
        });
    }

    /// <summary>A dry run counts per aggregate type and event type and leaves every row untouched (same xmin).</summary>
    [Test]
    public async Task Dry_run_counts_per_aggregate_type_and_event_type_and_changes_nothing()
    {
        await using var scenario = await RelayScenario.CreateAsync("reemit_dry", requireLogical: false);
        var start = DateTime.UtcNow;
        var placed = scenario.Events(3, aggregates: 3);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, [.. placed, placed[0] with { Id = Guid.NewGuid(), Type = "OrderConfirmed", Sequence = 2 },
            placed[1] with { Id = Guid.NewGuid(), AggregateType = "other" }]);
        var before = await RowVersionsAsync(scenario);

        var counts = await OutboxReemitter.CountAsync(scenario.ConnectionString, new OutboxSelection { From = start.AddMinutes(-1) }, CancellationToken.None);

        Assert.That(counts, Is.EquivalentTo(new[]
        {
            new OutboxTypeCount(scenario.AggregateType, "OrderConfirmed", 1),
            new OutboxTypeCount(scenario.AggregateType, "OrderPlaced", 3),
            new OutboxTypeCount("other", "OrderPlaced", 1),
        }));
        Assert.That(await RowVersionsAsync(scenario), Is.EqualTo(before));
    }

    /// <summary>Time range (from inclusive, to exclusive), aggregate id and event type together select exactly the matching row.</summary>
    [Test]
    public async Task Filters_reemit_only_the_rows_in_the_time_range_of_the_aggregates_and_types_given()
    {
        await using var scenario = await RelayScenario.CreateAsync("reemit_filter", requireLogical: false);
        var t0 = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);
        var target = TestEvent.For(scenario.AggregateType, "order-x", 1) with { Timestamp = t0 };
        var rows = new[]
        {
            target,
            target with { Id = Guid.NewGuid(), Type = "OrderConfirmed", Sequence = 2, Timestamp = t0.AddSeconds(1) },
            target with { Id = Guid.NewGuid(), AggregateId = "order-y", Timestamp = t0.AddSeconds(2) },
            target with { Id = Guid.NewGuid(), Sequence = 0, Timestamp = t0.AddTicks(-10) },
            target with { Id = Guid.NewGuid(), Sequence = 3, Timestamp = t0.AddMinutes(30) },
        };
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, rows);
        var before = await RowVersionsAsync(scenario);
        var selection = new OutboxSelection
        {
            From = new DateTimeOffset(t0), To = new DateTimeOffset(t0.AddMinutes(30)),
            AggregateIds = new HashSet<string> { "order-x" }, Types = new HashSet<string> { "OrderPlaced" },
        };

        var counted = await OutboxReemitter.CountAsync(scenario.ConnectionString, selection, CancellationToken.None);
        var reemitted = await OutboxReemitter.ReemitAsync(scenario.ConnectionString, selection, 1, null, CancellationToken.None);
        var after = await RowVersionsAsync(scenario);

        Assert.Multiple(() =>
        {
            Assert.That(counted.Sum(c => c.Count), Is.EqualTo(1));
            Assert.That(reemitted, Is.EqualTo(1));
            Assert.That(after.Keys, Is.EquivalentTo(before.Keys), "every row is still there");
            Assert.That(after.Where(r => before[r.Key] != r.Value).Select(r => r.Key), Is.EquivalentTo(new[] { target.Id }), "only the target was re-inserted");
        });
    }

    /// <summary>In DeleteAfterInsert mode no row is retained: count and re-emit are refused (NotRetained) naming the mode.</summary>
    [Test]
    public async Task Reemit_is_refused_when_the_service_runs_in_delete_after_insert_mode()
    {
        await using var scenario = await RelayScenario.CreateAsync("reemit_delete_mode", OutboxCleanupMode.DeleteAfterInsert, requireLogical: false);
        var selection = new OutboxSelection { From = DateTimeOffset.UtcNow.AddHours(-1) };

        var count = Assert.ThrowsAsync<ReplayException>(() => OutboxReemitter.CountAsync(scenario.ConnectionString, selection, CancellationToken.None));
        var reemit = Assert.ThrowsAsync<ReplayException>(() => OutboxReemitter.ReemitAsync(scenario.ConnectionString, selection, 100, null, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(count!.Code, Is.EqualTo(ReplayExitCode.NotRetained));
            Assert.That(reemit!.Code, Is.EqualTo(ReplayExitCode.NotRetained));
            Assert.That(reemit.Message, Does.Contain("DeleteAfterInsert").And.Contain("platform replay"));
        });
    }

    /// <summary>
    /// After a Retain-mode purge, a range starting before the purge horizon is refused (NotRetained)
    /// and changes nothing; a range starting after it is re-emitted.
    /// </summary>
    [Test]
    public async Task Reemit_is_refused_when_rows_in_the_range_may_have_been_purged()
    {
        await using var scenario = await RelayScenario.CreateAsync("reemit_purged", requireLogical: false);
        var old = TestEvent.For(scenario.AggregateType, "order-1", 1) with { Timestamp = DateTime.UtcNow.AddHours(-2) };
        var recent = TestEvent.For(scenario.AggregateType, "order-1", 2);
        await Outbox.InsertCommittedAsync(scenario.ConnectionString, [old, recent]);
        var options = Options.Create(new OutboxOptions { CleanupMode = OutboxCleanupMode.Retain, Retention = TimeSpan.FromMinutes(1) });
        var purge = new OutboxPurgeService(new OutboxConnection(scenario.ConnectionString), options, TimeProvider.System, NullLogger<OutboxPurgeService>.Instance);
        Assert.That(await purge.PurgeOnceAsync(CancellationToken.None), Is.EqualTo(1));
        var before = await RowVersionsAsync(scenario);

        var refusal = Assert.ThrowsAsync<ReplayException>(() => OutboxReemitter.ReemitAsync(
            scenario.ConnectionString, new OutboxSelection { From = DateTimeOffset.UtcNow.AddHours(-3) }, 100, null, CancellationToken.None));
        var unchanged = await RowVersionsAsync(scenario);
        var afterHorizon = await OutboxReemitter.ReemitAsync(
            scenario.ConnectionString, new OutboxSelection { From = recent.Timestamp.AddSeconds(-1) }, 100, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Code, Is.EqualTo(ReplayExitCode.NotRetained));
            Assert.That(refusal.Message, Does.Contain("purge horizon"));
            Assert.That(unchanged, Is.EqualTo(before));
            Assert.That(afterHorizon, Is.EqualTo(1));
        });
    }

    // Row id -> xmin: a re-inserted row gets a new xmin, an untouched one keeps it.
    private static async Task<Dictionary<Guid, string>> RowVersionsAsync(RelayScenario scenario) =>
        (await TestSql.QueryAsync(scenario.ConnectionString, "SELECT id, xmin::text FROM outbox", r => (Id: r.GetGuid(0), Version: r.GetString(1))))
            .ToDictionary(v => v.Id, v => v.Version);

    private static async Task ExecuteAsync(RelayScenario scenario, string sql)
    {
        await using var connection = await scenario.Database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
