using Microsoft.Extensions.DependencyInjection.Extensions;
using Orders.Api.Cancellation;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Api.Placement;
using Orders.Api.Queries;
using Orders.Api.ReadModel;
using Orders.Api.Saga;
using Orders.Api.Security;
using Platform.Operations.Commands;
using Platform.Persistence;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults;

namespace Orders.Api;

/// <summary>
/// Hosts the Orders API, as its own process (<c>Program</c>) or inside another one (the
/// <c>platform run</c> command): <see cref="CreateBuilder"/>, adjust configuration or services
/// if needed, <see cref="Build"/>, then run the app. At start the options are validated (a
/// missing or bad setting stops the host, naming it), the schema is migrated and the outbox
/// cleanup mode applied, before requests are served.
/// </summary>
public static class OrdersApi
{
    /// <summary>Health check tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = PlatformHealth.ReadyTag;

    /// <summary>The consumers this service runs, for its <c>replay</c> and <c>dlq</c> commands.</summary>
    public static ConsumerCatalog Consumers { get; } = new(new Dictionary<string, Action<IServiceCollection, IConfiguration>>
    {
        [OrdersConsumers.Saga] = AddConsumers,
        [OrdersConsumers.ReadModel] = AddConsumers,
    });

    /// <summary>A builder with the Orders services registered.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Spans from the first request on (the request's span is what the outbox rows' trace
        // context refers to), and Kafka in readiness; the caller picks the log format.
        builder.AddServiceDefaults("orders", jsonLogs: false);
        AddServices(builder.Services);
        builder.Services.AddOrdersConsumers(builder.Configuration);
        return builder;
    }

    /// <summary>Registers the Orders API's services on <paramref name="services"/>.</summary>
    public static IServiceCollection AddServices(IServiceCollection services)
    {
        services.AddOrdersInfrastructure();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, OrdersJsonContext.Default));
        services.TryAddScoped<OrderPlacement>();
        services.TryAddScoped<PlaceOrderHandler>();
        services.TryAddScoped<CancelOrderHandler>();
        services.TryAddScoped<OrderQueries>();
        services.AddApiSecurity();
        services.AddClientRateLimits();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<OrdersDbContext>(tags: [ReadyTag]);
        return services;
    }

    /// <summary>Builds the app and maps its endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        // Unhandled exceptions and bare status codes become problem details too.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: limits are per authenticated client, and an unauthenticated
        // request has been answered 401 already.
        app.UseRateLimiter();
        // Open to everyone: orchestrators probe health (anonymous in MapPlatformHealthChecks), clients read the contract.
        app.MapOpenApi().AllowAnonymous();
        app.MapPlatformHealthChecks();
        app.MapOrderEndpoints();
        app.MapReadModelEndpoints();
        return app;
    }

    /// <summary>
    /// Migrates the schema and applies the outbox cleanup mode now (the host also does it at
    /// start); for tools that prepare a database without serving requests.
    /// </summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ActivatorUtilities.CreateInstance<DatabaseStartup>(services, OrdersMigrations.All).StartAsync(cancellationToken);

    private static void AddConsumers(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOrdersInfrastructure();
        services.AddOrdersConsumers(configuration);
    }
}
