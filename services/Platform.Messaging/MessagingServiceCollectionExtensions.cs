using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging.Consuming;
using Platform.ServiceDefaults.Settings;

namespace Platform.Messaging;

/// <summary>Registers event consumers with their handlers.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds a consumer configured the standard way: <c>Kafka:BootstrapServers</c>, tuning from the
    /// <c>Consumers:{name}</c> section (e.g. <c>Enabled</c>, <c>MaxAttempts</c>, <c>SessionTimeoutMs</c>),
    /// and the given group and topics. <paramref name="defaults"/> sets the service's own defaults
    /// (e.g. <c>MaxBatchSize</c> for handlers known not to deadlock), which configuration overrides.
    /// </summary>
    public static IServiceCollection AddEventConsumer<TContext>(
        this IServiceCollection services,
        IConfiguration configuration,
        string name,
        string groupId,
        IEnumerable<string> topics,
        Action<EventHandlerRegistry<TContext>> handlers,
        Action<ConsumerOptions>? defaults = null) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var subscribed = topics.ToList();
        return services.AddEventConsumer(name, options =>
        {
            // The service's own defaults first, so that configuration can still override them.
            defaults?.Invoke(options);
            configuration.GetSection($"Consumers:{name}").Bind(options);
            options.BootstrapServers = configuration["Kafka:BootstrapServers"] ?? string.Empty;
            foreach (var property in configuration.GetSection("Kafka:Properties").GetChildren().Where(p => p.Value is not null))
            {
                options.KafkaProperties[property.Key] = property.Value!;
            }

            options.GroupId = groupId;
            options.Topics.Clear();
            foreach (var topic in subscribed)
            {
                options.Topics.Add(topic);
            }
        }, handlers);
    }

    /// <summary>
    /// Adds a consumer group member named <paramref name="name"/> whose handlers change state
    /// through <typeparamref name="TContext"/> (registered by the caller, scoped). Its options
    /// are validated at start: a bad setting stops the host with a message naming it. Its
    /// <see cref="IEventPipeline"/> is a keyed singleton under <paramref name="name"/>: a tool can
    /// build the container (without starting it) and deliver records into the same pipeline.
    /// </summary>
    public static IServiceCollection AddEventConsumer<TContext>(
        this IServiceCollection services,
        string name,
        Action<ConsumerOptions> configure,
        Action<EventHandlerRegistry<TContext>> handlers) where TContext : DbContext
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConsumerMetrics>();
        services.AddOptions<ConsumerOptions>(name).Configure(configure).ValidateSettings($"Consumers:{name}");
        var registry = new EventHandlerRegistry<TContext>();
        handlers(registry);
        // The pipeline is built once, lazily, and shared: the hosted group member below and
        // tools delivering records directly (replay, redrive) use the very same processor.
        services.AddKeyedSingleton<IEventPipeline>(name, (provider, _) => EventPipeline<TContext>.Create(provider, name, registry));
        services.AddSingleton<IHostedService>(provider =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(name);
            if (!options.Enabled)
            {
                return new IdleConsumer();
            }

            var pipeline = (EventPipeline<TContext>)provider.GetRequiredKeyedService<IEventPipeline>(name);
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger($"Platform.Messaging.Consumer.{name}");
            return new ConsumerHost<TContext>(pipeline.Options, pipeline.Processor, provider.GetRequiredService<ConsumerMetrics>(), logger);
        });
        return services;
    }

    /// <summary>Stands in for a consumer switched off with <c>Enabled=false</c>: no Kafka clients at all.</summary>
    private sealed class IdleConsumer : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
