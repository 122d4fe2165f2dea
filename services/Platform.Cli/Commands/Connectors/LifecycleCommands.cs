using System.CommandLine;
using Platform.KafkaConnect;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary><c>restart</c>, <c>pause</c>, <c>resume</c>, <c>stop</c> (KIP-875) and <c>delete</c>.</summary>
internal static class LifecycleCommands
{
    public static Command CreateRestart(ConnectorsRunner runner)
    {
        var name = ConnectorsCommand.NameArgument();
        var includeTasks = new Option<bool>("--include-tasks") { Description = "Restart the tasks too (KIP-745)." };
        var onlyFailed = new Option<bool>("--only-failed") { Description = "Restart only FAILED instances (KIP-745)." };
        var command = new Command("restart", "Restart a connector (and its tasks).") { name, includeTasks, onlyFailed };
        runner.Bind(command, async (run, ct) =>
        {
            var connector = run.Result.GetValue(name)!;
            var status = await run.Client.RestartAsync(connector, run.Result.GetValue(includeTasks), run.Result.GetValue(onlyFailed), ct).ConfigureAwait(false);
            run.Console.MarkupLine($"{Markup.Escape(connector)}: restart requested" + (status is null ? "." : $" (connector {status.Connector.State}, {status.Tasks.Count} task(s))."));
            return ExitCodes.Success;
        });
        return command;
    }

    public static IEnumerable<Command> CreateSimple(ConnectorsRunner runner)
    {
        yield return Simple(runner, "pause", "Pause a connector and its tasks.", (c, n, ct) => c.PauseAsync(n, ct));
        yield return Simple(runner, "resume", "Resume a PAUSED or STOPPED connector.", (c, n, ct) => c.ResumeAsync(n, ct));
        yield return Simple(runner, "stop", "Stop a connector (KIP-875): tasks shut down, config and offsets kept.", (c, n, ct) => c.StopAsync(n, ct));
        yield return Simple(runner, "delete", "Delete a connector (its offsets stay in the offsets topic).", (c, n, ct) => c.DeleteAsync(n, ct));
    }

    private static Command Simple(ConnectorsRunner runner, string verb, string description, Func<KafkaConnectClient, string, CancellationToken, Task> call)
    {
        var name = ConnectorsCommand.NameArgument();
        var command = new Command(verb, description) { name };
        runner.Bind(command, async (run, ct) =>
        {
            var connector = run.Result.GetValue(name)!;
            await call(run.Client, connector, ct).ConfigureAwait(false);
            run.Console.MarkupLine($"{Markup.Escape(connector)}: {verb} requested.");
            return ExitCodes.Success;
        });
        return command;
    }
}
