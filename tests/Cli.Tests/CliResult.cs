namespace Cli.Tests;

/// <summary>One in-process CLI run: exit code, everything printed (stdout then stderr), and stderr alone.</summary>
public sealed record CliResult(int ExitCode, string Output, string Errors)
{
    public void Deconstruct(out int exitCode, out string output) => (exitCode, output) = (ExitCode, Output);
}
