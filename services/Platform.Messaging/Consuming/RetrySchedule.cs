namespace Platform.Messaging.Consuming;

/// <summary>How long a record's failed attempt waits before the next one.</summary>
public static class RetrySchedule
{
    /// <summary>
    /// The longest wait while the database cannot be reached. A restarting or failing-over
    /// database is back within seconds, and each attempt costs a refused connection and no more,
    /// so the consumer looks again every second instead of letting the doubling delay carry it
    /// seconds past the database's return.
    /// </summary>
    public static readonly TimeSpan WhileDatabaseUnavailable = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The wait after failed attempt number <paramref name="attempt"/> (1 for the first):
    /// <c>RetryDelay</c> doubled per attempt up to <c>MaxRetryDelay</c>, and no more than
    /// <see cref="WhileDatabaseUnavailable"/> when the attempt failed because the database could
    /// not be reached.
    /// </summary>
    public static TimeSpan After(int attempt, ConsumerOptions options, bool databaseUnavailable)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doubled = TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, options.RetryDelay.Ticks << Math.Min(attempt - 1, 20)));
        return databaseUnavailable && doubled > WhileDatabaseUnavailable ? WhileDatabaseUnavailable : doubled;
    }
}
