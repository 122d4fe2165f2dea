namespace Platform.Messaging.Consuming;

/// <summary>
/// Thrown by a handler when an event's content can never be applied (it breaks a rule no retry
/// will fix). The record goes straight to the dead-letter topic, without retries.
/// </summary>
public sealed class InvalidEventException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidEventException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public InvalidEventException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and cause.</summary>
    public InvalidEventException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
