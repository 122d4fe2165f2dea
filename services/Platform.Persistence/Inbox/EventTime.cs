namespace Platform.Persistence.Inbox;

/// <summary>
/// The time an inbox row is partitioned by. It must be identical on every delivery of an event,
/// or a redelivery would land in another partition and slip past the primary key. Event ids are
/// UUID v7 (RFC 9562), whose first 48 bits are the creation time in Unix milliseconds: that
/// time travels with the id whatever the record timestamp says. Other ids fall back to the
/// record timestamp, which both relays take from the outbox row.
/// </summary>
public static class EventTime
{
    /// <summary>The partitioning time of event <paramref name="eventId"/> carried by a record stamped <paramref name="recordTimestampUtc"/>.</summary>
    public static DateTime Of(Guid eventId, DateTime recordTimestampUtc)
    {
        if (eventId.Version != 7)
        {
            return recordTimestampUtc;
        }

        Span<byte> bytes = stackalloc byte[16];
        eventId.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        return DateTime.UnixEpoch.AddMilliseconds(milliseconds);
    }
}
