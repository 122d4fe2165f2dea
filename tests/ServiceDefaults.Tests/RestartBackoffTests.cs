using Platform.Persistence;
using Platform.ServiceDefaults;

namespace ServiceDefaults.Tests;

/// <summary>
/// Covers: the relay's wait before restarting after a transient failure (doubling while failures
/// follow each other, at most 2 s, back to the first wait after a run that lasted). Does not
/// cover: which failures are transient (CrashTests, RestartAndTakeoverTests).
/// </summary>
public class RestartBackoffTests
{
    [Test]
    public void failures_that_follow_each_other_wait_twice_as_long_each_time_up_to_two_seconds()
    {
        var backoff = new RestartBackoff();

        var waits = Enumerable.Range(0, 6).Select(_ => backoff.After(TimeSpan.FromMilliseconds(5)).TotalMilliseconds);

        Assert.That(waits, Is.EqualTo(new[] { 250d, 500, 1000, 2000, 2000, 2000 }));
    }

    [Test]
    public void a_failure_after_a_run_that_lasted_waits_the_first_wait_again()
    {
        var backoff = new RestartBackoff();
        for (var i = 0; i < 5; i++)
        {
            backoff.After(TimeSpan.FromMilliseconds(5));
        }

        Assert.Multiple(() =>
        {
            Assert.That(backoff.After(TimeSpan.FromMinutes(30)), Is.EqualTo(RestartBackoff.First), "after half an hour of relaying");
            Assert.That(backoff.After(TimeSpan.FromMilliseconds(5)), Is.EqualTo(TimeSpan.FromMilliseconds(500)), "and doubling again from there");
        });
    }
}
