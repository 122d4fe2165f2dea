using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Kafka;

using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Settings;

namespace Platform.ServiceDefaults;

/// <summary>
/// Runs a worker (or the relay) as its own process: the service's registrations, traces, metrics
/// and JSON logs (<see cref="ServiceDefaultsExtensions.AddServiceDefaults"/>), and a small
/// Kestrel listener that serves only <c>/health/live</c> and <c>/health/ready</c>. The listener
/// address is the standard ASP.NET Core setting (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Urls</c>),
/// else <c>http://127.0.0.1:{defaultHealthPort}</c>, so several services on one machine do not collide.
/// </summary>
public static class ServiceProcess
{
    /// <summary>Exit code of a process stopped by a failed background service (a consumer, the relay).</summary>
    public const int FailedExitCode = 70;

    /// <summary>
    /// Builds and runs the process until it is stopped; returns its exit code: 0 when stopped,
    /// <see cref="FailedExitCode"/> when a background service failed and stopped it. A bad
    /// setting stops it before anything starts, with the setting's name on stderr and
    /// <paramref name="invalidSettingsExitCode"/>.
    /// </summary>
    public static Task<int> RunAsync(
        string[] args, string serviceName, int defaultHealthPort, Action<IServiceCollection, IConfiguration> addService,
        KafkaSettingKeys? kafka = null, int invalidSettingsExitCode = 1)
    {
        ArgumentNullException.ThrowIfNull(addService);
        return RunAsync(() =>
        {
            var builder = WebApplication.CreateBuilder(args);
            if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.HttpPortsKey]))
            {
                builder.WebHost.UseUrls($"http://127.0.0.1:{defaultHealthPort}");
            }

            builder.AddServiceDefaults(serviceName, kafka);
            addService(builder.Services, builder.Configuration);
            var app = builder.Build();
            app.MapPlatformHealthChecks();
            return app;
        }, serviceName, invalidSettingsExitCode);
    }

    /// <summary>
    /// Builds the app with <paramref name="build"/>, runs it until it is stopped and disposes it;
    /// returns its exit code: 0 (or what a service set in <see cref="Environment.ExitCode"/>) when
    /// stopped, <see cref="FailedExitCode"/> when a background service failed and stopped it,
    /// <paramref name="invalidSettingsExitCode"/> when a setting is missing or invalid. A bad
    /// setting is refused whether it shows while the services are registered (a value read then),
    /// while its options are bound (a value of the wrong type) or validated (a value out of range):
    /// every broken setting is named on stderr, one per line, before anything has connected or
    /// started, without a stack trace or an error log.
    /// </summary>
    public static async Task<int> RunAsync(Func<WebApplication> build, string serviceName, int invalidSettingsExitCode = 1)
    {
        ArgumentNullException.ThrowIfNull(build);
        WebApplication? app = null;
        try
        {
            app = build();
            // What the host checks first in StartAsync (options with ValidateOnStart), checked here
            // so that a refusal is a message naming the setting, not the host's "Hosting failed to
            // start" error with a stack trace. A refusal later in the start (a setting only a hosted
            // service's start reads) lands in the same catch: never an unhandled exception.
            app.Services.GetService<IStartupValidator>()?.Validate();
            try
            {
                // Start and wait, not RunAsync: that would dispose the host before the background
                // services could be asked how they ended.
                await app.StartAsync();
                await app.WaitForShutdownAsync();
            }
            catch (OperationCanceledException) when (Failed(app))
            {
                // It failed while the host was still starting: stopping cancelled the rest of the
                // start. Stop what did start (consumers commit what they stored).
                await app.StopAsync();
            }

            // A background service that failed has stopped the host (and logged why); the exit
            // code must say so, or a supervisor restarting only failed processes would not.
            return Failed(app) ? FailedExitCode : Environment.ExitCode;
        }
        catch (Exception ex) when (SettingRefusal.Reasons(ex) is { } reasons)
        {
            await Console.Error.WriteLineAsync($"{serviceName} refused to start, its configuration is invalid:{Environment.NewLine}  " +
                                               string.Join(Environment.NewLine + "  ", reasons.Distinct()));
            return invalidSettingsExitCode;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static bool Failed(WebApplication app) =>
        app.Services.GetServices<IHostedService>().OfType<BackgroundService>().Any(service => service.ExecuteTask is { IsFaulted: true });
}
