using NpgsqlTypes;

namespace Platform.Replay.Source;

/// <summary>One row of <c>pg_replication_slots</c>, as far as a rewind needs it.</summary>
/// <param name="Name">Slot name.</param>
/// <param name="Plugin">Output plugin (<c>pgoutput</c>); null for a physical slot.</param>
/// <param name="Database">Database of a logical slot.</param>
/// <param name="Active">A walsender is streaming from it now.</param>
/// <param name="RestartLsn">Oldest WAL the slot keeps (needed to rebuild its decoding state); null when none is reserved or it was lost.</param>
/// <param name="ConfirmedFlushLsn">Everything committed before it was confirmed by the client and is never decoded again.</param>
/// <param name="WalStatus"><c>reserved</c>, <c>extended</c>, <c>unreserved</c> or <c>lost</c>.</param>
/// <param name="RetainedBytes">WAL the slot holds back: current WAL position minus restart_lsn.</param>
public sealed record SlotStatus(
    string Name, string? Plugin, string? Database, bool Active, NpgsqlLogSequenceNumber? RestartLsn,
    NpgsqlLogSequenceNumber? ConfirmedFlushLsn, string? WalStatus, long? RetainedBytes);
