using Npgsql;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Operations.Commands;

/// <summary>Turns a refused replay, dlq, outbox or relay operation into its message and distinct exit code.</summary>
public static class CliExit
{
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
