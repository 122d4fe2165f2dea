namespace Platform.Cli.Commands.Connectors;

/// <summary>The documented exit codes of <c>platform connectors</c>, for scripts.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int NotFound = 3;
    public const int Unreachable = 4;
    public const int Conflict = 5;

    /// <summary><c>offsets set</c>: the LSN is below the slot's restart_lsn (8, as in platform replay).</summary>
    public const int NotRetained = (int)Platform.Operations.ReplayExitCode.NotRetained;

    /// <summary><c>offsets set</c>: the LSN is before the slot's confirmed_flush_lsn (9, as in platform replay).</summary>
    public const int AlreadyConfirmed = (int)Platform.Operations.ReplayExitCode.AlreadyConfirmed;
}
