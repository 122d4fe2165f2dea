using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orders.Tests.Support;

/// <summary>
/// The Orders API in memory, on the test's own database, with a hand-moved clock. Callers
/// authenticate with real API keys (<see cref="TestClients"/>). Outbox rows are retained unless
/// the test asks otherwise, so tests can read them.
/// </summary>
public sealed class OrdersApiFactory(IReadOnlyDictionary<string, string?> settings, ManualClock clock, Action<IServiceCollection>? services)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(test =>
        {
            test.AddSingleton<TimeProvider>(clock);
            services?.Invoke(test);
        });
    }
}
