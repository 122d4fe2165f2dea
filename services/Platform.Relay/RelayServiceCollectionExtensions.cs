using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Relay.Cdc;
using Platform.Relay.Configuration;
using Platform.Relay.Polling;
using Platform.Relay.Records;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Settings;

namespace Platform.Relay;

/// <summary>Hosts the outbox relay in any generic host (its own process, or <c>platform run</c>).</summary>
public static class RelayServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RelayOptions"/> (section <c>Relay</c>; connection string from
    /// <c>Relay:ConnectionString</c>, else <c>ConnectionStrings:Outbox</c>), validated at start,
    /// the hosted relay, and its readiness check (<see cref="RelayHealthCheck"/>).
    /// </summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RelayOptions>()
            .Bind(configuration.GetSection(RelayOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    o.ConnectionString = configuration.GetConnectionString("Outbox");
                }
            })
            .ValidateSettings(RelayOptions.Section);
        services.AddSingleton<IValidateOptions<RelayOptions>, RelayOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<RelayMetrics>();
        services.AddSingleton<RelayStatus>();
        services.AddHealthChecks().AddCheck<RelayHealthCheck>("relay", tags: [PlatformHealth.ReadyTag]);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<RelayOptions>>().Value;
            return new OutboxRecordBuilder(new TopicRouter(o.RouteTopicRegex, o.RouteTopicReplacement), AdditionalPlacement.ParseList(o.AdditionalPlacement));
        });
        services.AddSingleton<CdcRelay>();
        services.AddSingleton<PollingRelay>();
        services.AddHostedService<RelayHostedService>();
        return services;
    }
}
