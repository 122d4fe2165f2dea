using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Persistence.Observability;

namespace Platform.Persistence.Hosting;

/// <summary>
/// Runs a worker (or the relay) as its own process: the service's registrations, traces, metrics
/// and JSON logs (<see cref="ObservabilityExtensions.AddPlatformObservability"/>), and a small
/// Kestrel listener that serves only <c>/health/live</c> and <c>/health/ready</c>. The listener
/// address is the standard ASP.NET Core setting (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Urls</c>),
/// else <c>http://127.0.0.1:{defaultHealthPort}</c>, so several services on one machine do not collide.
/// </summary>
public static class ServiceProcess
{
    /// <summary>
    /// Builds and runs the process until it is stopped; returns its exit code. A bad setting
    /// stops it before anything starts, with the setting's name on stderr and
    /// <paramref name="invalidSettingsExitCode"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, string serviceName, int defaultHealthPort, Action<IServiceCollection, IConfiguration> addService,
        KafkaSettingKeys? kafka = null, int invalidSettingsExitCode = 1)
    {
        ArgumentNullException.ThrowIfNull(addService);
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.HttpPortsKey]))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{defaultHealthPort}");
        }

        builder.AddPlatformObservability(serviceName, kafka);
        addService(builder.Services, builder.Configuration);
        await using var app = builder.Build();
        app.MapPlatformHealthChecks();
        try
        {
            await app.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"{serviceName} refused to start, its configuration is invalid:{Environment.NewLine}  " +
                                               string.Join(Environment.NewLine + "  ", ex.Failures));
            return invalidSettingsExitCode;
        }
    }
}
