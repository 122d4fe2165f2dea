using NpgsqlTypes;

namespace Platform.Relay.Cdc;

/// <summary>A transaction (or heartbeat) whose records are in flight to Kafka.</summary>
/// <param name="EndLsn">LSN to confirm once it and everything before it is acknowledged.</param>
/// <param name="CommittedAt">Server commit time, UTC.</param>
internal sealed record PendingCommit(NpgsqlLogSequenceNumber EndLsn, DateTime CommittedAt)
{
    /// <summary>Records not yet acknowledged; guarded by the tracker's lock.</summary>
    public int Remaining { get; set; }
}
