using System.CommandLine;
using Platform.Contracts.Compatibility;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform contracts check|release</c>: compares the compiled event contracts with the
/// committed snapshot of released ones, and records a release by rewriting the snapshot.
/// </summary>
internal static class ContractsCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--snapshot")
        {
            Description = "The released-contracts snapshot.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("schemas", "released.json")),
        };
        var check = new Command("check", "Fail (exit 1) when the current contracts break the released ones.") { file };
        check.SetAction(result => Check(result.GetValue(file)!));
        var release = new Command("release", "Record the current contracts as released (refused while they break the snapshot).") { file };
        release.SetAction(result => Release(result.GetValue(file)!));
        return new Command("contracts", "Event contract compatibility.") { check, release };
    }

    private static int Check(FileInfo snapshot)
    {
        if (!snapshot.Exists)
        {
            AnsiConsole.MarkupLine($"[red]No snapshot at {Markup.Escape(snapshot.FullName)}; run 'platform contracts release' from the repository root.[/]");
            return 2;
        }

        var problems = ContractCompatibility.FindBreakingChanges(ContractSnapshot.FromJson(File.ReadAllText(snapshot.FullName)), ContractSnapshot.Current());
        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLine($"[red]breaking:[/] {Markup.Escape(problem)}");
        }

        AnsiConsole.MarkupLine(problems.Count == 0 ? "[green]Contracts are compatible with the released snapshot.[/]" : $"{problems.Count} breaking change(s).");
        return problems.Count == 0 ? 0 : 1;
    }

    private static int Release(FileInfo snapshot)
    {
        var current = ContractSnapshot.Current();
        if (snapshot.Exists && ContractCompatibility.FindBreakingChanges(ContractSnapshot.FromJson(File.ReadAllText(snapshot.FullName)), current).Count > 0)
        {
            AnsiConsole.MarkupLine("[red]Refused: the current contracts break the released ones (see 'platform contracts check').[/]");
            return 1;
        }

        File.WriteAllText(snapshot.FullName, current.ToJson());
        AnsiConsole.MarkupLine($"Wrote {current.Messages.Count} messages to {Markup.Escape(snapshot.FullName)}.");
        return 0;
    }
}
