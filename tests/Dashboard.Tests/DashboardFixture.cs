using EndToEnd.Tests;

namespace Dashboard.Tests;

/// <summary>One running platform with its dashboard, shared by the tests of a class (starting one takes seconds).</summary>
public abstract class DashboardFixture
{
    private PlatformScenario? _platform;

    private protected PlatformScenario Platform => _platform ?? throw new InvalidOperationException("The platform did not start.");

    private protected HttpClient Dashboard { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartPlatformAsync()
    {
        _platform = await PlatformScenario.StartAsync(GetType().Name, dashboard: true);
        Dashboard = new HttpClient { BaseAddress = new Uri(_platform.DashboardUrl!), Timeout = TimeSpan.FromSeconds(60) };
    }

    [OneTimeTearDown]
    public async Task StopPlatformAsync()
    {
        Dashboard?.Dispose();
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }
    }
}
