namespace Platform.KafkaConnect;

/// <summary>Why a Kafka Connect request failed; the CLI maps each kind to an exit code.</summary>
public enum KafkaConnectErrorKind
{
    /// <summary>Connect refused the request (4xx other than 404/409, or 5xx other than a timeout).</summary>
    Rejected,

    /// <summary>404: the connector (or plugin) does not exist on this worker.</summary>
    NotFound,

    /// <summary>409 on create: a connector with that name already exists (never retried).</summary>
    AlreadyExists,

    /// <summary>409 rebalance answers kept coming after every retry.</summary>
    Conflict,

    /// <summary>The worker could not be reached (connection refused, DNS, ...).</summary>
    Unreachable,

    /// <summary>The worker answered 500 "Request timed out", or the HTTP call timed out.</summary>
    TimedOut,
}
