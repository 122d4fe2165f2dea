using System.CommandLine;
using System.Diagnostics;
using Platform.KafkaConnect;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// <c>wait NAME [--timeout 120s]</c>: polls the status until the connector and all its tasks are RUNNING
/// (exit 0); a FAILED connector or task exits 1 at once with its trace; so does the timeout.
/// </summary>
internal static class WaitCommand
{
    public static Command Create(ConnectorsRunner runner)
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
                var status = await TryGetStatusAsync(run, connector, ct).ConfigureAwait(false);
                if (status?.IsRunning == true)
                {
                    run.Console.MarkupLine($"{Markup.Escape(connector)}: RUNNING with {status.Tasks.Count} task(s)");
                    return ExitCodes.Success;
                }

                if (status?.HasFailed == true)
                {
                    run.Error($"{connector}: FAILED");
                    run.Console.Write(StatusCommands.Table([status]));
                    var trace = status.Connector.Trace ?? status.Tasks.FirstOrDefault(t => t.Trace is not null)?.Trace;
                    if (trace is not null)
                    {
                        run.WriteRaw(trace);
                    }

                    return ExitCodes.Failed;
                }

                if (clock.Elapsed >= limit)
                {
                    run.Error($"{connector}: not RUNNING after {limit} (connector {status?.Connector.State ?? "without status"}, tasks: {string.Join(", ", status?.Tasks.Select(t => t.State) ?? [])})");
                    return ExitCodes.Failed;
                }

                await Task.Delay(every, ct).ConfigureAwait(false);
            }
        });
        return command;
    }

    /// <summary>
    /// Status, or null while a just-created connector has no status yet: Connect answers 404 "No status
    /// found for connector" (AbstractHerder.connectorStatus) until the status topic has its first record.
    /// A connector without a config is really unknown and still fails with 404.
    /// </summary>
    private static async Task<ConnectorStatus?> TryGetStatusAsync(ConnectorInvocation run, string connector, CancellationToken cancellationToken)
    {
        try
        {
            return await run.Client.GetStatusAsync(connector, cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaConnectException e) when (e.Kind == KafkaConnectErrorKind.NotFound)
        {
            if (await run.Client.TryGetConfigAsync(connector, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }

            return null;
        }
    }
}
