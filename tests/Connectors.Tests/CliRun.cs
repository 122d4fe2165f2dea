using System.CommandLine;
using Platform.Cli.Commands.Connectors;
using Spectre.Console;

namespace Connectors.Tests;

/// <summary>Invokes <c>platform connectors ...</c> in process with a captured, uncoloured, wide console.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output)> InvokeAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 400;
        var root = new RootCommand { ConnectorsCommand.Create(console, TimeSpan.Zero) };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
        return (exitCode, writer.ToString());
    }
}
