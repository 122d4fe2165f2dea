using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults;

namespace ServiceDefaults.Tests;

/// <summary>
/// A worker process whose background service (a consumer, the relay) fails stops with a
/// non-zero exit code, so a supervisor that restarts failed processes restarts it. Covers
/// ServiceProcess's exit code; the host stopping on the failure is .NET's default behaviour.
/// </summary>
public class ServiceProcessTests
{
    /// <summary>Failing while the host still starts (the rest of the start is cancelled) or once it runs.</summary>
    [Test]
    public async Task a_process_whose_background_service_fails_exits_with_the_failure_code([Values] bool onceStarted)
    {
        var code = await ServiceProcess.RunAsync(["--urls", "http://127.0.0.1:0"], "failing-worker", 0,
                (services, _) => services.AddHostedService(provider => new FailingService(provider.GetRequiredService<IHostApplicationLifetime>(), onceStarted)))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(code, Is.EqualTo(ServiceProcess.FailedExitCode));
    }

    private sealed class FailingService(IHostApplicationLifetime lifetime, bool onceStarted) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            if (onceStarted)
            {
                var started = new TaskCompletionSource();
                using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
                await started.Task;
            }

            await Task.Yield();
            throw new InvalidOperationException("the consumer's poll loop broke");
        }
    }
}
