using System.CommandLine;
using System.Diagnostics;
using Platform.KafkaConnect;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary><c>status [NAME...] [--json]</c> and <c>wait NAME [--timeout 120s]</c>.</summary>
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

    public static Command CreateWait(ConnectorsRunner runner)
    {
        var name = ConnectorsCommand.NameArgument();
        var timeout = new Option<string>("--timeout") { Description = "Give up after this long (e.g. 120s, 5m).", DefaultValueFactory = _ => "120s" };
        var interval = new Option<string>("--interval") { Description = "Poll interval.", DefaultValueFactory = _ => "2s" };
        var command = new Command("wait", "Wait until the connector and all its tasks are RUNNING (exit 1 when FAILED or at timeout).") { name, timeout, interval };
        runner.Bind(command, async (run, ct) =>
        {
            var connector = run.Result.GetValue(name)!;
            var limit = Duration.Parse("--timeout", run.Result.GetValue(timeout)!);
            var every = Duration.Parse("--interval", run.Result.GetValue(interval)!);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var status = await run.Client.GetStatusAsync(connector, ct).ConfigureAwait(false);
                if (status.IsRunning)
                {
                    run.Console.MarkupLine($"{Markup.Escape(connector)}: RUNNING with {status.Tasks.Count} task(s)");
                    return ExitCodes.Success;
                }

                if (status.HasFailed)
                {
                    run.Error($"{connector}: FAILED");
                    run.Console.Write(Table([status]));
                    var trace = status.Connector.Trace ?? status.Tasks.FirstOrDefault(t => t.Trace is not null)?.Trace;
                    if (trace is not null)
                    {
                        run.WriteRaw(trace);
                    }

                    return ExitCodes.Failed;
                }

                if (clock.Elapsed >= limit)
                {
                    run.Error($"{connector}: not RUNNING after {limit} (connector {status.Connector.State}, tasks: {string.Join(", ", status.Tasks.Select(t => t.State))})");
                    return ExitCodes.Failed;
                }

                await Task.Delay(every, ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Table Table(IEnumerable<ConnectorStatus> statuses)
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
