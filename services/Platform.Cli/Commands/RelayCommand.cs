using System.CommandLine;
using System.Globalization;
using Platform.Operations.Commands;
using Platform.Operations.Source;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform relay slot|rewind</c>: replication slot status, and the honest answer to "rewind the
/// slot to LSN L" (<see cref="SlotRewind"/>). This maps options and exit codes.
/// </summary>
internal static class RelayCommand
{
    public static Command Create()
    {
        var database = new CliDatabase();
        var slotFilter = new Option<string?>("--slot") { Description = "Only this slot." };
        var slot = new Command("slot", "Status of the replication slots: plugin, active, restart_lsn, confirmed_flush_lsn, retained WAL, lag (unconfirmed WAL).") { slotFilter };
        database.AddTo(slot);
        slot.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            var name = r.GetValue(slotFilter);
            var slots = name is null
                ? await ReplicationSlots.ReadAsync(database.Resolve(r), null, token)
                : [await ReplicationSlots.RequireAsync(database.Resolve(r), name, token)];
            var table = new Table().AddColumns("slot", "plugin", "database", "active", "restart_lsn", "confirmed_flush_lsn", "wal_status", "retained WAL bytes", "lag bytes");
            foreach (var s in slots)
            {
                table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Plugin ?? ""), Markup.Escape(s.Database ?? ""), s.Active ? "yes" : "no",
                    s.RestartLsn?.ToString() ?? "", s.ConfirmedFlushLsn?.ToString() ?? "", Markup.Escape(s.WalStatus ?? ""),
                    s.RetainedBytes?.ToString("N0", CultureInfo.InvariantCulture) ?? "", s.LagBytes?.ToString("N0", CultureInfo.InvariantCulture) ?? "");
            }

            AnsiConsole.Write(table);
            return 0;
        }));

        var slotName = new Option<string>("--slot") { Description = "The slot to rewind.", Required = true };
        var toLsn = new Option<string>("--to-lsn") { Description = "LSN to resend from, PostgreSQL X/Y form.", Required = true };
        var rewind = new Command("rewind", "Checks whether the slot can resend from an LSN; it can only when nothing from there was confirmed yet.") { slotName, toLsn };
        database.AddTo(rewind);
        rewind.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            var lsn = SlotRewind.ParseLsn(r.GetValue(toLsn), "--to-lsn");
            var status = await SlotRewind.CheckAsync(database.Resolve(r), r.GetValue(slotName)!, lsn, "--to-lsn", token);
            // Not refused: the slot has not confirmed past the LSN, so the next start resumes at or before it.
            AnsiConsole.MarkupLine($"Nothing to rewind: slot '{Markup.Escape(status.Name)}' has confirmed only up to {status.ConfirmedFlushLsn}, " +
                                   $"at or before {lsn}; the relay resumes there on its next start, so everything from {lsn} is delivered anyway.");
            return 0;
        }));

        return new Command("relay", "The CDC relay's replication slots: status, rewind check.") { slot, rewind };
    }
}
