using System.CommandLine;
using Npgsql;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Operations.Commands;

/// <summary>Turns a refused replay, dlq, outbox or relay operation into its message and distinct exit code.</summary>
public static class CliExit
{
    /// <summary>
    /// Parses and runs <paramref name="args"/> against <paramref name="root"/>: bad usage (an unknown
    /// option, a missing argument) is exit 2, as documented for scripts, not System.CommandLine's 1.
    /// Ctrl-C or SIGTERM cancels the command's token; it then has 30 s to stop what it was doing
    /// (a replay finishes the record in hand and saves its checkpoint) before the process ends.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parsed = root.Parse(args);
        var exitCode = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
        return parsed.Errors.Count > 0 ? (int)ReplayExitCode.BadInput : exitCode;
    }

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ReplayException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return (int)ex.Code;
        }
        catch (NpgsqlException ex)
        {
            AnsiConsole.MarkupLine($"[red]PostgreSQL: {Markup.Escape(ex.Message)}[/]");
            return (int)ReplayExitCode.Failed;
        }
    }
}
