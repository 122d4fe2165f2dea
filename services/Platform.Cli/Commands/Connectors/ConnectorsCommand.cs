using System.CommandLine;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// <c>platform connectors apply|status|wait|restart|pause|resume|stop|delete|offsets|conformance</c>: manages the
/// Debezium connectors on Kafka Connect through its REST API. Exit codes: see <see cref="ExitCodes"/>.
/// </summary>
internal static class ConnectorsCommand
{
    /// <param name="console">Where results go (default stdout; tests pass a captured console).</param>
    /// <param name="errors">Where errors and refusals go (default stderr).</param>
    /// <param name="initialBackoff">First 409 retry delay (tests pass zero).</param>
    public static Command Create(IAnsiConsole? console = null, IAnsiConsole? errors = null, TimeSpan? initialBackoff = null)
    {
        errors ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var runner = new ConnectorsRunner(console ?? AnsiConsole.Console, errors, initialBackoff ?? TimeSpan.FromMilliseconds(500));
        var command = new Command("connectors", "Manage Debezium connectors on Kafka Connect (REST API).")
        {
            runner.ConnectUrl, runner.Dir, runner.Retries,
            ApplyCommand.Create(runner),
            StatusCommands.CreateStatus(runner),
            WaitCommand.Create(runner),
            LifecycleCommands.CreateRestart(runner),
            OffsetsCommand.Create(runner),
            ConformanceCommand.Create(runner),
        };
        foreach (var lifecycle in LifecycleCommands.CreateSimple(runner))
        {
            command.Subcommands.Add(lifecycle);
        }

        return command;
    }

    /// <summary>The required <c>NAME</c> argument of single-connector commands.</summary>
    public static Argument<string> NameArgument() => new("NAME") { Description = "Connector name, e.g. orders-outbox." };

    /// <summary>The optional <c>[NAME...]</c> argument of apply and status.</summary>
    public static Argument<string[]> NamesArgument() => new("NAME") { Description = "Connector names (default: all).", Arity = ArgumentArity.ZeroOrMore };
}
