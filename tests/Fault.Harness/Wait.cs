namespace Fault.Harness;

/// <summary>Polls a condition until it holds or a deadline passes.</summary>
public static class Wait
{
    /// <summary>Returns once <paramref name="condition"/> is true; throws <see cref="TimeoutException"/> with <paramref name="failure"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure, CancellationToken cancellationToken)
    {
        if (!await TryUntilAsync(condition, timeout, cancellationToken))
        {
            throw new TimeoutException(failure);
        }
    }

    /// <summary>True once <paramref name="condition"/> is true, false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> TryUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
