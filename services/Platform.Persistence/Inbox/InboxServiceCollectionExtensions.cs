using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Settings;

namespace Platform.Persistence.Inbox;

/// <summary>Registers inbox partition maintenance.</summary>
public static class InboxServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="InboxOptions"/> from <c>Inbox</c> and runs partition maintenance in the background.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.Section)).ValidateSettings(InboxOptions.Section);
        services.AddHostedService<InboxMaintenanceService>();
        return services;
    }
}
