using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;

namespace Persistence.Tests;

/// <summary>
/// The inbox is partitioned by event time: partitions are created ahead and dropped (not
/// deleted from) after the retention, and an event's partition does not depend on when it is
/// delivered. Covers partition maintenance and the event-time rule; dedup itself is covered by
/// Messaging.Tests' ConsumerHostTests.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class InboxTests
{
    [Test]
    public void a_uuid_v7_event_id_fixes_its_event_time_whatever_the_record_timestamp()
    {
        var created = new DateTimeOffset(2026, 11, 20, 10, 30, 15, 123, TimeSpan.Zero);
        var id = Guid.CreateVersion7(created);

        Assert.That(EventTime.Of(id, DateTime.UtcNow), Is.EqualTo(created.UtcDateTime));
        Assert.That(EventTime.Of(id, DateTime.UtcNow.AddDays(-3)), Is.EqualTo(created.UtcDateTime));
    }

    [Test]
    public void other_event_ids_use_the_record_timestamp()
    {
        var stamp = new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

        Assert.That(EventTime.Of(Guid.NewGuid(), stamp), Is.EqualTo(stamp));
    }

    [Test]
    public async Task maintenance_creates_partitions_ahead_and_drops_those_past_the_retention()
    {
        await using var db = await TestDatabase.CreateAsync("inbox-partitions");
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(db.ConnectionString, InboxMigrations.All, CancellationToken.None);
        await using var connection = await db.OpenAsync();
        var start = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

        await InboxPartitions.MaintainAsync(connection, start, TimeSpan.FromDays(2), daysAhead: 2, CancellationToken.None);
        var first = (await InboxPartitions.ListAsync(connection, CancellationToken.None)).Select(p => p.Day).Order().ToList();
        await using (var insert = new NpgsqlCommand("INSERT INTO inbox (consumer, event_id, event_time) VALUES ('c', gen_random_uuid(), '2025-12-31 08:00')", connection))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var dropped = await InboxPartitions.MaintainAsync(connection, start.AddDays(3), TimeSpan.FromDays(2), daysAhead: 2, CancellationToken.None);
        var after = (await InboxPartitions.ListAsync(connection, CancellationToken.None)).Select(p => p.Day).Order().ToList();

        Assert.That(first, Is.EqualTo(new[] { new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 3) }));
        Assert.That(dropped, Is.EqualTo(new[] { "inbox_p20251231", "inbox_p20260101" }));
        Assert.That(after.First(), Is.EqualTo(new DateOnly(2026, 1, 2)));
        Assert.That(after.Last(), Is.EqualTo(new DateOnly(2026, 1, 6)));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM inbox", connection);
        Assert.That(await count.ExecuteScalarAsync(), Is.Zero, "the old row left with its partition");
    }
}
