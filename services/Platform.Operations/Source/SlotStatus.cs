using NpgsqlTypes;

namespace Platform.Operations.Source;

/// <summary>One row of <c>pg_replication_slots</c>, as far as a rewind check and the slot's lag need it.</summary>
/// <param name="Name">Slot name.</param>
/// <param name="Plugin">Output plugin (<c>pgoutput</c>); null for a physical slot.</param>
/// <param name="Database">Database of a logical slot.</param>
/// <param name="Active">A walsender is streaming from it now.</param>
/// <param name="RestartLsn">Oldest WAL the slot keeps (needed to rebuild its decoding state); null when none is reserved or it was lost.</param>
/// <param name="ConfirmedFlushLsn">Everything committed before it was confirmed by the client and is never decoded again.</param>
/// <param name="WalStatus"><c>reserved</c>, <c>extended</c>, <c>unreserved</c> or <c>lost</c>.</param>
/// <param name="RetainedBytes">WAL the slot holds back: current WAL position minus restart_lsn.</param>
/// <param name="LagBytes">
/// WAL written that the slot's client has not confirmed yet: current WAL position minus
/// confirmed_flush_lsn (the relay's <c>relay.slot.lag.bytes</c>); null for a physical slot.
/// </param>
public sealed record SlotStatus(
    string Name, string? Plugin, string? Database, bool Active, NpgsqlLogSequenceNumber? RestartLsn,
    NpgsqlLogSequenceNumber? ConfirmedFlushLsn, string? WalStatus, long? RetainedBytes, long? LagBytes);
