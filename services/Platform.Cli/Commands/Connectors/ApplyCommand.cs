using System.CommandLine;
using Platform.KafkaConnect;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// <c>apply [NAME...] [--dry-run]</c>: validate every file through the plugin validate endpoint first
/// (any error: exit 1, nothing changed), then diff against the running config and PUT only what differs.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(ConnectorsRunner runner)
    {
        var names = ConnectorsCommand.NamesArgument();
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and show the diff; change nothing." };
        var command = new Command("apply", "Validate, diff and apply connector files (idempotent).") { names, dryRun };
        runner.Bind(command, (run, ct) => ApplyAsync(run, ConnectorFile.Load(run.Dir, run.Result.GetValue(names) ?? []), run.Result.GetValue(dryRun), ct));
        return command;
    }

    private static async Task<int> ApplyAsync(ConnectorInvocation run, IReadOnlyList<ConnectorDefinition> connectors, bool dryRun, CancellationToken cancellationToken)
    {
        var invalid = false;
        foreach (var connector in connectors)
        {
            var validation = await run.Client.ValidateAsync(connector, cancellationToken).ConfigureAwait(false);
            foreach (var error in validation.Errors)
            {
                run.Error($"{connector.Name}: {error.Key}: {error.Message}");
            }

            invalid |= !validation.IsValid;
        }

        if (invalid)
        {
            run.Error("Validation failed; nothing was applied.");
            return ExitCodes.Failed;
        }

        foreach (var connector in connectors)
        {
            await ApplyOneAsync(run, connector, dryRun, cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task ApplyOneAsync(ConnectorInvocation run, ConnectorDefinition connector, bool dryRun, CancellationToken cancellationToken)
    {
        var name = Markup.Escape(connector.Name);
        var running = await run.Client.TryGetConfigAsync(connector.Name, cancellationToken).ConfigureAwait(false);
        var changes = ConfigDiff.Compute(running, connector.Config);
        if (running is not null && changes.Count == 0)
        {
            run.Console.MarkupLine($"{name}: unchanged");
            return;
        }

        run.Console.MarkupLine(running is null ? $"{name}: new connector" : $"{name}: {changes.Count} change(s)");
        foreach (var change in changes)
        {
            var text = change.Sign switch
            {
                '+' => $"[green]+ {Markup.Escape(change.Key)} = {Markup.Escape(change.After!)}[/]",
                '-' => $"[red]- {Markup.Escape(change.Key)} = {Markup.Escape(change.Before!)}[/]",
                _ => $"[yellow]~ {Markup.Escape(change.Key)}: {Markup.Escape(change.Before!)} -> {Markup.Escape(change.After!)}[/]",
            };
            run.Console.MarkupLine("  " + text);
        }

        if (dryRun)
        {
            run.Console.MarkupLine($"{name}: dry run, not applied");
            return;
        }

        var created = await run.Client.PutConfigAsync(connector.Name, connector.Config, cancellationToken).ConfigureAwait(false);
        run.Console.MarkupLine($"{name}: {(created ? "created" : "updated")}");
    }
}
