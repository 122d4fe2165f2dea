using System.Text.Json.Nodes;
using System.Text.Json;
using NpgsqlTypes;
using Platform.Operations.Source;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// Before <c>offsets set</c> moves a Debezium Postgres connector to an <c>lsn</c>: the same check as
/// <c>platform relay rewind</c> (<see cref="SlotRewind"/>) against the connector's slot, because
/// Debezium asks the slot for that LSN and PostgreSQL silently starts at confirmed_flush_lsn instead.
/// </summary>
internal static class OffsetSourceCheck
{
    /// <summary>Returns when the offset may be set; a refusal throws <see cref="ReplayException"/> (bad input, unknown slot, not retained, already confirmed).</summary>
    public static async Task CheckAsync(
        ConnectorInvocation run, string connector, JsonObject offset, CliDatabase database, string? slotOption, CancellationToken cancellationToken)
    {
        if (!offset.TryGetPropertyValue("lsn", out var node) || node is null)
        {
            return;
        }

        if (!database.IsGiven(run.Result))
        {
            run.ErrorConsole.MarkupLine("[yellow]The lsn is not checked against the replication slot; give --connection-string (or --service) to check it.[/]");
            return;
        }

        // Debezium stores the LSN as a number; accept the X/Y text form too. A refusal is a
        // ReplayException, which ConnectorsRunner turns into its message and exit code.
        var lsn = node.GetValueKind() != JsonValueKind.Number
            ? SlotRewind.ParseLsn(node.ToString(), "--offset lsn")
            : node is JsonValue value && value.TryGetValue<ulong>(out var number)
                ? new NpgsqlLogSequenceNumber(number)
                : throw new ReplayException(ReplayExitCode.BadInput, $"--offset lsn {node.ToJsonString()} is not a non-negative 64-bit number.");
        var slot = slotOption ?? SlotOf(run, connector);
        await SlotRewind.CheckAsync(database.Resolve(run.Result), slot, lsn, "--offset lsn", cancellationToken).ConfigureAwait(false);
    }

    private static string SlotOf(ConnectorInvocation run, string connector) =>
        ConnectorFile.Load(run.Dir, [connector]).Single().Config.TryGetValue("slot.name", out var slot)
            ? slot
            : throw new BadInputException($"the connector file of {connector} sets no slot.name; give --slot");
}
