using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Waits on a condition with a deadline, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultMaxPause = TimeSpan.FromMilliseconds(200);

    /// <summary>Polls <paramref name="condition"/> until it returns true; throws <see cref="TimeoutException"/> naming <paramref name="what"/> at the deadline.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        if (!await TryAsync(condition, limit, cancellationToken: cancellationToken))
        {
            throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}.");
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it returns true (then true) or <paramref name="timeout"/>
    /// passes (then false). The pause between polls starts at 10 ms and doubles up to
    /// <paramref name="maxPause"/> (default 200 ms; smaller where the moment the condition became true is measured).
    /// </summary>
    public static async Task<bool> TryAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? maxPause = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var ceiling = maxPause ?? DefaultMaxPause;
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(10);
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, ceiling.TotalMilliseconds));
        }

        return true;
    }
}
