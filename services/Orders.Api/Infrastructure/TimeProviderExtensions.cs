namespace Orders.Api.Infrastructure;

/// <summary>Time as PostgreSQL stores it.</summary>
public static class TimeProviderExtensions
{
    /// <summary>
    /// Now, truncated to microseconds (timestamptz precision), so a value returned from memory
    /// equals the same value read back from the database.
    /// </summary>
    public static DateTimeOffset GetUtcNowInMicroseconds(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
