namespace Platform.ServiceDefaults;

/// <summary>
/// How long to wait before trying again after a transient failure (the relay's restarts, a
/// service's start while its database cannot be reached): 250 ms,
/// doubling while the failures follow each other, up to 2 s. A database that restarts or fails
/// over is back within seconds and a refused connection costs next to nothing, so the caller
/// looks again at least every 2 s rather than resuming long after the database's return. A run
/// that lasted longer than the longest wait was a recovery: the next failure starts again from
/// 250 ms, so an outage today does not slow the restart after tomorrow's.
/// </summary>
public sealed class RestartBackoff
{
    /// <summary>The wait after a failure that ended a run which had been going for a while.</summary>
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait, while failures follow each other.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    private TimeSpan _next = First;

    /// <summary>The wait before the next run, after a run that failed having lasted <paramref name="ranFor"/>.</summary>
    public TimeSpan After(TimeSpan ranFor)
    {
        if (ranFor > Longest)
        {
            _next = First;
        }

        var wait = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Longest.Ticks));
        return wait;
    }
}
