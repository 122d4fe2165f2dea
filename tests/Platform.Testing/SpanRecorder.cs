using System.Collections.Concurrent;
using System.Diagnostics;
using NUnit.Framework;

namespace Platform.Testing;

/// <summary>
/// Records every span of the named sources that ends in the test process (an
/// <see cref="ActivityListener"/> asking for all data), so a test can find the spans the code
/// under test produced, waiting on them instead of sleeping.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;

    /// <summary>Starts recording spans of <paramref name="sources"/>.</summary>
    public SpanRecorder(IEnumerable<string> sources)
    {
        var names = sources.ToHashSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The single ended span matching <paramref name="match"/>, waiting up to 30 s for it; fails if there are several.</summary>
    public async Task<Activity> SingleAsync(Func<Activity, bool> match, string what)
    {
        await Eventually.WaitAsync(() => Task.FromResult(_ended.Any(match)), what, TimeSpan.FromSeconds(30));
        var found = _ended.Where(match).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"exactly one {what}");
        return found[0];
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
