using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging.Consuming;
using Platform.Messaging.DeadLetters;

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
    /// are validated at start: a bad setting stops the host with a message naming it.
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
        services.AddOptions<ConsumerOptions>(name).Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        var registry = new EventHandlerRegistry<TContext>();
        handlers(registry);
        services.AddSingleton<IHostedService>(provider =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(name);
            if (!options.Enabled)
            {
                return new IdleConsumer();
            }

            var clock = provider.GetRequiredService<TimeProvider>();
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            var deadLetters = new DeadLetterPublisher(options.BootstrapServers, clock, loggers.CreateLogger<DeadLetterPublisher>());
            var metrics = provider.GetRequiredService<ConsumerMetrics>();
            var processor = new RecordProcessor<TContext>(
                options.GroupId, provider.GetRequiredService<IServiceScopeFactory>(), registry, deadLetters, options,
                metrics, clock, loggers.CreateLogger($"Platform.Messaging.Consumer.{name}"));
            return new ConsumerHost<TContext>(options, processor, metrics, deadLetters, loggers.CreateLogger($"Platform.Messaging.Consumer.{name}"));
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
