using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace Platform.Relay;

/// <summary>The relay's log messages, source-generated (they sit on the relay's hot paths).</summary>
internal static partial class RelayLog
{
    [LoggerMessage(1, LogLevel.Information, "Relay lock for slot {SlotName} is held by another relay; waiting to take over")]
    public static partial void WaitingForLock(this ILogger logger, string slotName);

    [LoggerMessage(2, LogLevel.Information, "Relay lock for slot {SlotName} acquired; this instance relays")]
    public static partial void LockAcquired(this ILogger logger, string slotName);

    [LoggerMessage(3, LogLevel.Information, "Created publication {PublicationName} for table outbox")]
    public static partial void PublicationCreated(this ILogger logger, string publicationName);

    [LoggerMessage(4, LogLevel.Information, "Created logical replication slot {SlotName} (pgoutput)")]
    public static partial void SlotCreated(this ILogger logger, string slotName);

    [LoggerMessage(5, LogLevel.Information, "Streaming slot {SlotName} of publication {PublicationName}")]
    public static partial void Streaming(this ILogger logger, string slotName, string publicationName);

    [LoggerMessage(6, LogLevel.Warning, "Ignoring an UPDATE of outbox row; outbox rows are insert-only (Debezium EventRouter skips updates too)")]
    public static partial void UpdateIgnored(this ILogger logger);

    [LoggerMessage(7, LogLevel.Debug, "Confirmed LSN {Lsn} to slot {SlotName}")]
    public static partial void Confirmed(this ILogger logger, NpgsqlLogSequenceNumber lsn, string slotName);

    [LoggerMessage(8, LogLevel.Debug, "Wrote heartbeat to slot {SlotName}")]
    public static partial void Heartbeat(this ILogger logger, string slotName);

    [LoggerMessage(9, LogLevel.Information, "Slot {SlotName} is still active (the previous relay's session is ending); retrying")]
    public static partial void SlotBusy(this ILogger logger, string slotName);

    [LoggerMessage(10, LogLevel.Warning, "Relay stopped on a transient error; restarting from the last confirmed position in {Delay}")]
    public static partial void Restarting(this ILogger logger, Exception error, TimeSpan delay);

    [LoggerMessage(11, LogLevel.Critical, "Relay stopped and will not restart by itself: {Reason}")]
    public static partial void FatalStop(this ILogger logger, Exception error, string reason);

    [LoggerMessage(12, LogLevel.Information, "Polling outbox table (batch {BatchSize}); rows are deleted after Kafka acknowledged them")]
    public static partial void Polling(this ILogger logger, int batchSize);

    [LoggerMessage(13, LogLevel.Information, "Relay stopped; last confirmed LSN {Lsn}")]
    public static partial void Stopped(this ILogger logger, NpgsqlLogSequenceNumber lsn);
}
