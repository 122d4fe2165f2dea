using System.CommandLine;
using Platform.Cli.Commands.Connectors;
using Spectre.Console;

namespace Cli.Tests;

/// <summary>Invokes <c>platform connectors ...</c> in process with captured, uncoloured, wide consoles.</summary>
public static class CliRun
{
    public static async Task<CliResult> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var root = new RootCommand { ConnectorsCommand.Create(Console(output), Console(errors), TimeSpan.Zero) };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        return new CliResult(exitCode, output.ToString() + errors, errors.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        return console;
    }
}
