using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Settings;

namespace Platform.Persistence;

/// <summary>Wires a service's own database: its DbContext with the outbox interceptor, migrations and outbox cleanup.</summary>
public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on <c>ConnectionStrings:{connectionName}</c>, the
    /// outbox interceptor, <see cref="OutboxOptions"/> (validated at start), the database readiness check, the model's
    /// build at start (<see cref="ModelWarmup{TContext}"/>), a start-up step that
    /// applies <paramref name="migrations"/> and the outbox cleanup mode before any other hosted
    /// service starts (register this first), and the outbox purge for Retain mode.
    /// </summary>
    /// <exception cref="OptionsValidationException">The connection string is missing: the process must not start (the message names the setting).</exception>
    public static IServiceCollection AddServiceDatabase<TContext>(
        this IServiceCollection services, IConfiguration configuration, string connectionName, IReadOnlyList<Migration> migrations)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = ServiceConnectionString.WithDefaults(configuration.GetConnectionString(connectionName));
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException($"ConnectionStrings:{connectionName}", typeof(string),
                [$"ConnectionStrings:{connectionName} is required (an Npgsql connection string to the service's database)."]);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new OutboxConnection(connectionString, $"ConnectionStrings:{connectionName}"));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateSettings(OutboxOptions.Section);
        services.TryAddSingleton<OutboxInterceptor>();
        services.TryAddSingleton<SchemaMigrator>();
        services.AddDbContext<TContext>((provider, options) =>
            options.UseNpgsql(connectionString).AddInterceptors(provider.GetRequiredService<OutboxInterceptor>()));
        // Readiness (/health/ready) includes "the database answers".
        services.AddHealthChecks().AddDbContextCheck<TContext>(tags: [PlatformHealth.ReadyTag]);
        // The model builds while the migrations wait on the database.
        services.AddHostedService<ModelWarmup<TContext>>();
        services.AddHostedService(provider => ActivatorUtilities.CreateInstance<DatabaseStartup>(provider, migrations));
        services.AddHostedService<OutboxPurgeService>();
        return services;
    }
}
