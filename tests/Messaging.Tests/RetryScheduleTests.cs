using Platform.Messaging.Consuming;

namespace Messaging.Tests;

/// <summary>
/// Covers: the wait between a record's attempts (doubling from RetryDelay up to MaxRetryDelay;
/// at most a second while the database cannot be reached). Does not cover: which failures count
/// as an unreachable database (DatabaseUnavailableTests), the retry loop (ConsumerHostTests).
/// </summary>
public class RetryScheduleTests
{
    private static readonly ConsumerOptions Defaults = new();

    [Test]
    public void a_failing_handler_waits_twice_as_long_after_each_attempt_up_to_MaxRetryDelay()
    {
        var waits = Enumerable.Range(1, 8).Select(attempt => RetrySchedule.After(attempt, Defaults, databaseUnavailable: false).TotalMilliseconds);

        Assert.That(waits, Is.EqualTo(new[] { 100d, 200, 400, 800, 1600, 3200, 5000, 5000 }));
    }

    [Test]
    public void an_unreachable_database_is_looked_at_again_at_least_every_second()
    {
        var waits = Enumerable.Range(1, 8).Select(attempt => RetrySchedule.After(attempt, Defaults, databaseUnavailable: true).TotalMilliseconds);

        Assert.That(waits, Is.EqualTo(new[] { 100d, 200, 400, 800, 1000, 1000, 1000, 1000 }));
    }

    [Test]
    public void a_MaxRetryDelay_under_a_second_holds_for_an_unreachable_database_too()
    {
        var options = new ConsumerOptions { RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(300) };

        Assert.That(RetrySchedule.After(10, options, databaseUnavailable: true), Is.EqualTo(TimeSpan.FromMilliseconds(300)));
    }
}
