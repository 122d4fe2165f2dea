using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.KafkaConnect;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// <c>offsets get|reset|set</c> (KIP-875). Reset and set are only allowed while the connector is
/// STOPPED; we check first to give the operator the next command, and still surface Connect's own
/// 400 message should the state change in between.
/// </summary>
internal static class OffsetsCommand
{
    public static Command Create(ConnectorsRunner runner) => new("offsets", "Read, reset or set a connector's offsets (KIP-875).")
    {
        CreateGet(runner), CreateReset(runner), CreateSet(runner),
    };

    private static Command CreateGet(ConnectorsRunner runner)
    {
        var name = ConnectorsCommand.NameArgument();
        var json = new Option<bool>("--json") { Description = "Print the offsets as JSON." };
        var command = new Command("get", "Show the connector's committed offsets.") { name, json };
        runner.Bind(command, async (run, ct) =>
        {
            var offsets = await run.Client.GetOffsetsAsync(run.Result.GetValue(name)!, ct).ConfigureAwait(false);
            if (run.Result.GetValue(json))
            {
                run.WriteJson(new { offsets });
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Partition", "Offset");
            foreach (var offset in offsets)
            {
                table.AddRow(Markup.Escape(offset.Partition.ToJsonString()), Markup.Escape(offset.Offset?.ToJsonString() ?? "null"));
            }

            run.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateReset(ConnectorsRunner runner)
    {
        var name = ConnectorsCommand.NameArgument();
        var command = new Command("reset", "Delete all offsets of a STOPPED connector (a source connector then starts over).") { name };
        runner.Bind(command, async (run, ct) =>
        {
            var connector = run.Result.GetValue(name)!;
            return await RequireStoppedAsync(run, connector, ct).ConfigureAwait(false)
                ?? Done(run, connector, await run.Client.ResetOffsetsAsync(connector, ct).ConfigureAwait(false));
        });
        return command;
    }

    private static Command CreateSet(ConnectorsRunner runner)
    {
        var name = ConnectorsCommand.NameArgument();
        var partition = new Option<string>("--partition") { Description = "Source partition JSON, e.g. {\"server\":\"orders\"}.", Required = true };
        var offset = new Option<string>("--offset") { Description = "Offset JSON, e.g. {\"lsn\":123456}.", Required = true };
        var slot = new Option<string?>("--slot") { Description = "Replication slot an lsn is checked against (default: slot.name of the connector file)." };
        var database = new CliDatabase();
        var command = database.AddTo(new Command("set", "Alter the offset of one partition of a STOPPED connector (PATCH).") { name, partition, offset, slot });
        runner.Bind(command, async (run, ct) =>
        {
            var connector = run.Result.GetValue(name)!;
            var entry = new ConnectorOffset(ParseObject("--partition", run.Result.GetValue(partition)!), ParseObject("--offset", run.Result.GetValue(offset)!));
            await OffsetSourceCheck.CheckAsync(run, connector, entry.Offset!, database, run.Result.GetValue(slot), ct).ConfigureAwait(false);
            return await RequireStoppedAsync(run, connector, ct).ConfigureAwait(false)
                ?? Done(run, connector, await run.Client.AlterOffsetsAsync(connector, [entry], ct).ConfigureAwait(false));
        });
        return command;
    }

    private static async Task<int?> RequireStoppedAsync(ConnectorInvocation run, string connector, CancellationToken cancellationToken)
    {
        var state = (await run.Client.GetStatusAsync(connector, cancellationToken).ConfigureAwait(false)).Connector.State;
        if (state == "STOPPED")
        {
            return null;
        }

        run.Error($"Refused: {connector} is {state}; Kafka Connect only changes offsets of a STOPPED connector (KIP-875).");
        run.ErrorConsole.MarkupLine($"Run: platform connectors stop {Markup.Escape(connector)}, then retry, then platform connectors resume {Markup.Escape(connector)}.");
        return ExitCodes.Failed;
    }

    private static int Done(ConnectorInvocation run, string connector, string message)
    {
        run.Console.MarkupLine($"{Markup.Escape(connector)}: {Markup.Escape(message)}");
        return ExitCodes.Success;
    }

    private static JsonObject ParseObject(string option, string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new BadInputException($"{option} must be a JSON object, got: {text}");
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{option} is not valid JSON at position {e.BytePositionInLine + 1}: {e.Message}");
        }
    }
}
