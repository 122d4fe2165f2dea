using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Api.Placement;
using Orders.Api.Security;
using Platform.Persistence.Migrations;
using Platform.Persistence.Outbox;
using Platform.Persistence;
using Platform.ServiceDefaults.Settings;

namespace Orders.Api.Infrastructure;

/// <summary>Registers the Orders database, its options (validated at start) and its background services.</summary>
public static class OrdersServiceCollectionExtensions
{
    /// <summary>Adds everything the Orders database side needs.</summary>
    public static IServiceCollection AddOrdersInfrastructure(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClientIdentity, PrincipalClientIdentity>();
        services.AddOptions<OrdersDatabaseOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = OrdersDatabaseOptions.WithDefaults(configuration[OrdersDatabaseOptions.ConnectionStringKey]))
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                $"{OrdersDatabaseOptions.ConnectionStringKey} is required: the Npgsql connection string of the Orders database.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateSettings(OutboxOptions.Section);
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateSettings(IdempotencyOptions.Section);

        services.AddSingleton(sp => new OutboxConnection(sp.GetRequiredService<IOptions<OrdersDatabaseOptions>>().Value.ConnectionString, OrdersDatabaseOptions.ConnectionStringKey));
        services.AddSingleton<OutboxInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<OutboxInterceptor>());
        // Pooled: a context is reset and reused, so no request pays for building one. Every
        // IInterceptor in the container is attached (tests add failure injection this way).
        services.AddDbContextPool<OrdersDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<IOptions<OrdersDatabaseOptions>>().Value.ConnectionString)
            .AddInterceptors(sp.GetServices<IInterceptor>())
            // A failed save or command is an exception its caller handles and reports at the level
            // it deserves: a lost race for an Idempotency-Key is an answer (409 or the replayed
            // response), not an error; anything unhandled is logged once by the exception handler.
            .ConfigureWarnings(warnings => warnings.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug))));

        services.AddSingleton<SchemaMigrator>();
        // First hosted services: the model builds while the migrations wait on the database, and
        // the schema exists before anything else starts.
        services.AddHostedService<ModelWarmup<OrdersDbContext>>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<DatabaseStartup>(sp, OrdersMigrations.All));
        services.AddHostedService<OutboxPurgeService>();
        services.AddHostedService<IdempotencyPurgeService>();
        return services;
    }
}
