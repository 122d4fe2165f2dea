namespace Platform.Relay;

/// <summary>
/// A condition the relay must not retry past on its own: the operator has to act (an invalidated
/// or missing slot, a fatal Kafka producer error, an outbox the polling relay cannot read).
/// The message says what to do.
/// </summary>
public sealed class RelayFatalException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public RelayFatalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an operator-facing message and its cause.</summary>
    public RelayFatalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RelayFatalException()
    {
    }
}
