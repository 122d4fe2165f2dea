using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Persistence.Inbox;

/// <summary>
/// The inbox's rows, written inside the transaction that applies the events' effects: that is
/// what makes a consumer's effect happen once per event. Every statement here runs in the open
/// transaction of the given context (the caller's), never in one of its own.
/// </summary>
public static class InboxStore
{
    /// <summary>
    /// Inserts the inbox rows of <paramref name="events"/> in one statement and returns the ids seen
    /// for the first time (a redelivered event, or a second copy in the same call, inserts nothing).
    /// A concurrent delivery of the same event blocks on the insert until the other commits, then
    /// inserts nothing: exactly one of them applies the effect. Event time: see <see cref="EventTime"/>.
    /// </summary>
    public static async Task<HashSet<Guid>> InsertAsync(
        DbContext db, string consumer, IReadOnlyList<(Guid EventId, DateTime RecordTimestamp)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        await using var command = Command(db, """
            INSERT INTO inbox (consumer, event_id, event_time)
            SELECT $1, e.id, e.time FROM unnest($2::uuid[], $3::timestamp[]) AS e(id, time)
            ON CONFLICT DO NOTHING
            RETURNING event_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => PartitionTime(e.EventId, e.RecordTimestamp)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Timestamp,
        });
        var fresh = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fresh.Add(reader.GetGuid(0));
        }

        return fresh;
    }

    /// <summary>
    /// Deletes <paramref name="consumer"/>'s inbox row of one event (by its whole primary key, so
    /// only its own partition is touched). An insert that follows in the same transaction then
    /// succeeds: the delete, the new row and the effect commit together or not at all, so a forced
    /// delivery applies the event exactly once more. A concurrent delivery of the same event blocks
    /// on the row until this commits, then sees it and skips.
    /// </summary>
    public static async Task ForgetAsync(DbContext db, string consumer, Guid eventId, DateTime recordTimestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var command = Command(db, "DELETE FROM inbox WHERE consumer = $1 AND event_id = $2 AND event_time = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = eventId });
        command.Parameters.Add(new NpgsqlParameter { Value = PartitionTime(eventId, recordTimestamp), NpgsqlDbType = NpgsqlDbType.Timestamp });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(DbContext db, string sql) =>
        new(sql, (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("The inbox is written only inside the effect's transaction.")).GetDbTransaction());

    private static DateTime PartitionTime(Guid eventId, DateTime recordTimestamp) =>
        DateTime.SpecifyKind(EventTime.Of(eventId, recordTimestamp), DateTimeKind.Unspecified);
}
