using System.CommandLine;
using Platform.KafkaConnect;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary><c>status [NAME...] [--json]</c>, and the state table <c>wait</c> shares.</summary>
internal static class StatusCommands
{
    public static Command CreateStatus(ConnectorsRunner runner)
    {
        var names = ConnectorsCommand.NamesArgument();
        var json = new Option<bool>("--json") { Description = "Print the statuses as JSON." };
        var command = new Command("status", "Connector and task states (exit 1 when any is FAILED).") { names, json };
        runner.Bind(command, async (run, ct) =>
        {
            var wanted = run.Result.GetValue(names) ?? [];
            var statuses = new List<ConnectorStatus>();
            if (wanted.Length == 0)
            {
                statuses.AddRange(await run.Client.ListStatusesAsync(ct).ConfigureAwait(false));
            }

            foreach (var name in wanted)
            {
                statuses.Add(await run.Client.GetStatusAsync(name, ct).ConfigureAwait(false));
            }

            if (run.Result.GetValue(json))
            {
                run.WriteJson(statuses);
            }
            else
            {
                run.Console.Write(Table(statuses));
            }

            return statuses.Any(s => s.HasFailed) ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }

    public static Table Table(IEnumerable<ConnectorStatus> statuses)
    {
        var table = new Table().AddColumns("Connector", "Task", "Worker", "State", "Trace");
        foreach (var status in statuses)
        {
            table.AddRow(Row(status.Name, "-", status.Connector.WorkerId, status.Connector.State, status.Connector.Trace));
            foreach (var task in status.Tasks)
            {
                table.AddRow(Row(status.Name, task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), task.WorkerId, task.State, task.Trace));
            }
        }

        return table;
    }

    private static string[] Row(string name, string task, string? worker, string state, string? trace)
    {
        var colour = state switch { "RUNNING" => "green", "FAILED" => "red", _ => "yellow" };
        var firstLine = trace?.Split('\n', 2)[0].Trim() ?? "";
        return [Markup.Escape(name), task, Markup.Escape(worker ?? ""), $"[{colour}]{Markup.Escape(state)}[/]", Markup.Escape(firstLine)];
    }
}
