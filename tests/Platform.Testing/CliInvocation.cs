using System.CommandLine;
using Spectre.Console;

namespace Platform.Testing;

/// <summary>Runs <c>platform</c> commands in process with the console captured (uncoloured, 400 columns wide).</summary>
public static class CliInvocation
{
    /// <summary>
    /// Parses and invokes <paramref name="args"/> against a root holding <paramref name="commands"/>;
    /// returns the exit code and everything written to the console and the parser's output. Swaps
    /// the process-wide <see cref="AnsiConsole.Console"/> while it runs, so tests using it must not run in parallel.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> InvokeAsync(IEnumerable<Command> commands, string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        using var output = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        AnsiConsole.Console.Profile.Width = 400;
        try
        {
            var root = new RootCommand();
            foreach (var command in commands)
            {
                root.Subcommands.Add(command);
            }

            var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
            return (exitCode, output.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}
