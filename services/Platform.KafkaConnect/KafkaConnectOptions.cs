namespace Platform.KafkaConnect;

/// <summary>Where the Connect worker is and how long to keep retrying while its group rebalances.</summary>
public sealed class KafkaConnectOptions
{
    /// <summary>The worker's REST address, e.g. <c>http://localhost:8083</c>.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>How many times a 409 rebalance answer is retried before giving up.</summary>
    public int MaxConflictRetries { get; init; } = 5;

    /// <summary>Delay before the first retry; doubled on every further retry.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of a single backoff delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);
}
