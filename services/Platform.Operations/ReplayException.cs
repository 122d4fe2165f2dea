namespace Platform.Operations;

/// <summary>A replay refused before or while it ran, with the exit code of its class.</summary>
public sealed class ReplayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReplayException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ReplayException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception of a class of refusal.</summary>
    public ReplayException(ReplayExitCode code, string message) : base(message) => Code = code;

    /// <summary>The exit code of the refusal's class.</summary>
    public ReplayExitCode Code { get; } = ReplayExitCode.Failed;
}
