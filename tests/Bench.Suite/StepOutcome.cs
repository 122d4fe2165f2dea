namespace Bench.Suite;

/// <summary>How one step ended: its exit code (null when stopped at its timeout) and how long it ran.</summary>
/// <param name="Name">Step name.</param>
/// <param name="Command">The command line run.</param>
/// <param name="ExitCode">Exit code; null when it timed out or could not start.</param>
/// <param name="Seconds">Wall-clock duration.</param>
/// <param name="Records">Figures it reported.</param>
/// <param name="Log">Its output file, relative to the output folder.</param>
public sealed record StepOutcome(string Name, string Command, int? ExitCode, double Seconds, int Records, string Log)
{
    /// <summary><c>ok</c>, <c>exit N</c> or <c>timed out</c>.</summary>
    public string Status => ExitCode switch
    {
        0 => "ok",
        null => "timed out",
        var code => $"exit {code}",
    };
}
