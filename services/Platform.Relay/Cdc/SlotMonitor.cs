using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Relay.Configuration;

namespace Platform.Relay.Cdc;

/// <summary>
/// Every heartbeat interval, on the lock session: checks the slot (invalidated, dropped),
/// publishes its lag, and when no outbox insert arrived for an interval writes a heartbeat
/// (<c>pg_logical_emit_message</c>, non-transactional) that flows through the stream so the
/// relay can confirm past WAL that other tables produced. Without it an idle outbox pins WAL
/// forever on a busy database.
/// </summary>
internal sealed class SlotMonitor(RelayOptions options, AckTracker tracker, RelayMetrics metrics, ILogger logger)
{
    /// <summary>Prefix of heartbeat messages in the WAL.</summary>
    public const string HeartbeatPrefix = "outbox-heartbeat";

    private long _lastInsertTicks = DateTime.UtcNow.Ticks;

    /// <summary>Called by the stream for every outbox insert.</summary>
    public void Touch() => Volatile.Write(ref _lastInsertTicks, DateTime.UtcNow.Ticks);

    /// <summary>Runs until cancelled or until the slot is found invalidated or gone.</summary>
    public async Task RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            tracker.ThrowIfFailed();
            var slot = await SlotHealth.ReadAsync(connection, options.SlotName, cancellationToken)
                ?? throw new RelayFatalException($"Replication slot '{options.SlotName}' was dropped while the relay was using it; " +
                                                 "events since the last confirmed position may be missing. See services/Platform.Relay/README.md, recovery steps.");
            SlotHealth.ThrowIfLost(options.SlotName, slot.WalStatus);
            metrics.SetLagBytes(slot.LagBytes);
            var oldest = tracker.OldestPending;
            metrics.SetLagSeconds(oldest is null ? 0 : Math.Max(0, (DateTime.UtcNow - oldest.Value).TotalSeconds));

            var idleFor = DateTime.UtcNow - new DateTime(Volatile.Read(ref _lastInsertTicks), DateTimeKind.Utc);
            if (idleFor >= options.HeartbeatInterval)
            {
                await using var heartbeat = new NpgsqlCommand($"SELECT pg_logical_emit_message(false, '{HeartbeatPrefix}', '')", connection);
                await heartbeat.ExecuteNonQueryAsync(cancellationToken);
                logger.Heartbeat(options.SlotName);
            }
        }
    }
}
