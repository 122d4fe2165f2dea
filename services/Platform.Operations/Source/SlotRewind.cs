using NpgsqlTypes;

namespace Platform.Operations.Source;

/// <summary>
/// Whether a logical slot can resend from an LSN. It cannot for anything committed before its
/// confirmed_flush_lsn: START_REPLICATION starts at the requested LSN or confirmed_flush_lsn,
/// "whichever is greater" (PostgreSQL protocol docs, START_REPLICATION ... LOGICAL; CreateDecodingContext
/// in src/backend/replication/logical/logical.c), and pg_replication_slot_advance only moves forward.
/// WAL between restart_lsn and confirmed_flush_lsn is retained only to rebuild decoding state. The
/// same rule holds for Debezium, which asks its slot for the LSN of its offset. Used by
/// <c>platform relay rewind</c> and <c>platform connectors offsets set</c>.
/// </summary>
public static class SlotRewind
{
    /// <summary>Parses PostgreSQL's <c>X/Y</c> LSN form (hex); malformed is <see cref="ReplayExitCode.BadInput"/> naming <paramref name="option"/>.</summary>
    public static NpgsqlLogSequenceNumber ParseLsn(string? text, string option)
    {
        if (text is not null && text.Count(c => c == '/') == 1 && text.All(c => c == '/' || char.IsAsciiHexDigit(c))
            && NpgsqlLogSequenceNumber.TryParse(text, out var lsn))
        {
            return lsn;
        }

        throw new ReplayException(ReplayExitCode.BadInput, $"{option} '{text}' is not an LSN in PostgreSQL's X/Y form (hex), e.g. 16/B374D848.");
    }

    /// <summary>
    /// Refuses an LSN the slot cannot resend from: below restart_lsn (<see cref="ReplayExitCode.NotRetained"/>),
    /// or below confirmed_flush_lsn (<see cref="ReplayExitCode.AlreadyConfirmed"/>). Returns normally when
    /// the LSN is at or after confirmed_flush_lsn: the slot resumes at or before it anyway.
    /// </summary>
    public static void Check(SlotStatus slot, NpgsqlLogSequenceNumber lsn, string option)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.RestartLsn is not { } restart || slot.ConfirmedFlushLsn is not { } confirmed || slot.WalStatus == "lost")
        {
            throw new ReplayException(ReplayExitCode.NotRetained,
                $"Slot '{slot.Name}' keeps no WAL (wal_status {slot.WalStatus ?? "none"}, restart_lsn {Text(slot.RestartLsn)}): nothing can be decoded from {option} {lsn}. " +
                Alternative);
        }

        if (lsn < restart)
        {
            throw new ReplayException(ReplayExitCode.NotRetained,
                $"{option} {lsn} is below slot '{slot.Name}''s restart_lsn {restart}: PostgreSQL no longer keeps the WAL before it. " + Alternative);
        }

        if (lsn < confirmed)
        {
            throw new ReplayException(ReplayExitCode.AlreadyConfirmed,
                $"{option} {lsn} is before slot '{slot.Name}''s confirmed_flush_lsn {confirmed}. The WAL from {lsn} is still retained " +
                $"(restart_lsn {restart}), but PostgreSQL never decodes again a transaction committed before confirmed_flush_lsn: " +
                "START_REPLICATION starts at the requested LSN or confirmed_flush_lsn, whichever is greater. " + Alternative);
        }
    }

    /// <summary>Reads the slot and applies <see cref="Check"/>; returns the slot.</summary>
    public static async Task<SlotStatus> CheckAsync(
        string connectionString, string slotName, NpgsqlLogSequenceNumber lsn, string option, CancellationToken cancellationToken)
    {
        var slot = await ReplicationSlots.RequireAsync(connectionString, slotName, cancellationToken);
        Check(slot, lsn, option);
        return slot;
    }

    private const string Alternative =
        "To publish those events again, re-emit them from the outbox: platform outbox reemit --from <time of the first event> " +
        "(needs Outbox:CleanupMode=Retain), or replay them from Kafka within its retention (platform replay).";

    private static string Text(NpgsqlLogSequenceNumber? lsn) => lsn?.ToString() ?? "null";
}
