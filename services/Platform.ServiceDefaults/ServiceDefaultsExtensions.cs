using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using Platform.Kafka;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Logging;
using Platform.ServiceDefaults.Settings;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults;

/// <summary>
/// The one call every process of the platform makes (as dotnet/eShop's ServiceDefaults):
/// traces, metrics, logs and health checks.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Everything a service's host needs: <see cref="AddPlatformTelemetry"/>, JSON logs
    /// (<see cref="PlatformLogging"/>) unless <paramref name="jsonLogs"/> is false (e.g. inside
    /// <c>platform run</c>, which keeps the console readable), and the Kafka readiness check on the
    /// bootstrap servers and properties named by <paramref name="kafka"/> (default <see cref="KafkaSettingKeys.Services"/>). Call it once per host; map the
    /// endpoints with <see cref="PlatformHealth.MapPlatformHealthChecks"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(
        this IHostApplicationBuilder builder, string serviceName, KafkaSettingKeys? kafka = null, bool jsonLogs = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPlatformTelemetry(builder.Configuration, serviceName);
        if (jsonLogs)
        {
            builder.Logging.AddPlatformJsonLogging(builder.Configuration);
        }

        // Read when checked, not now: a host may add configuration after this call.
        kafka ??= KafkaSettingKeys.Services;
        builder.Services.AddHealthChecks().AddKafkaReadiness(
            provider => provider.GetRequiredService<IConfiguration>()[kafka.BootstrapServers],
            provider => provider.GetRequiredService<IConfiguration>().GetSection(kafka.Properties).GetChildren()
                .Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!)).ToList());
        return builder;
    }

    /// <summary>
    /// Records the platform's spans in this process and, when <see cref="OtlpOptions"/> has an
    /// endpoint, exports spans and metrics over OTLP as <paramref name="serviceName"/>. The OTLP
    /// settings are validated at start: a bad endpoint stops the host naming the setting.
    /// Calling it again for the same services changes nothing.
    /// </summary>
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(s => s.ServiceType == typeof(TelemetryPipeline)))
        {
            return services;
        }

        services.AddOptions<OtlpOptions>()
            .Bind(configuration.GetSection(OtlpOptions.Section))
            .PostConfigure(o =>
            {
                // The section wins; the standard OpenTelemetry variables are the fallback.
                if (string.IsNullOrWhiteSpace(o.Endpoint) && !string.IsNullOrWhiteSpace(configuration[OtlpOptions.StandardEndpointVariable]))
                {
                    o.Endpoint = configuration[OtlpOptions.StandardEndpointVariable];
                    o.EndpointSetting = OtlpOptions.StandardEndpointVariable;
                }

                o.Protocol ??= configuration[OtlpOptions.StandardProtocolVariable];
            })
            .ValidateSettings(OtlpOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtlpOptions>, OtlpOptionsValidator>());
        services.AddSingleton(provider => new TelemetryPipeline(provider.GetRequiredService<IOptions<OtlpOptions>>().Value, serviceName));
        services.AddHostedService<TelemetryStartup>();
        return services;
    }
}
