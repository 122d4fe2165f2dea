using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Messaging.Consuming;

namespace Platform.Operations.Commands;

/// <summary>
/// The consumers a process can deliver records into (<c>replay --consumer</c>, <c>dlq redrive
/// --into-consumer</c>): a service knows its own, with the registration that builds their
/// pipelines; the <c>platform</c> CLI knows every consumer by name (<see cref="ConsumerGroups"/>)
/// and runs none, so it says which service to run the command with. A consumer's pipeline is
/// built from its service's container (built, never started: no hosted service runs, no group is
/// joined): the same handlers, inbox and dead-letter topic as the live consumer.
/// </summary>
public sealed class ConsumerCatalog
{
    private readonly IReadOnlyDictionary<string, Action<IServiceCollection, IConfiguration>> _registrations;

    /// <param name="registrations">The consumers this process runs, by name, with the registration of their service.</param>
    public ConsumerCatalog(IReadOnlyDictionary<string, Action<IServiceCollection, IConfiguration>> registrations) =>
        _registrations = registrations;

    /// <summary>The <c>platform</c> CLI's: every consumer known by name, none runnable here.</summary>
    public static ConsumerCatalog None { get; } = new(new Dictionary<string, Action<IServiceCollection, IConfiguration>>());

    /// <summary>Environment variables, then <paramref name="bootstrapServers"/> as <c>Kafka:BootstrapServers</c>: configuration as the service reads it.</summary>
    public static IConfiguration Configuration(string bootstrapServers) => new ConfigurationBuilder()
        .AddEnvironmentVariables()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = bootstrapServers })
        .Build();

    /// <summary>
    /// Builds the container of the service owning consumer <paramref name="name"/> and validates its
    /// settings as the service would at start. Unknown name: exit 4; a consumer of another service,
    /// or bad settings: exit 2, naming what to do. The caller disposes the container (it owns the
    /// pipeline and its dead-letter producer).
    /// </summary>
    public (ServiceProvider Services, IEventPipeline Pipeline) Open(string name, IConfiguration configuration)
    {
        if (!_registrations.TryGetValue(name, out var register))
        {
            if (!ConsumerGroups.Owners.TryGetValue(name, out var owner))
            {
                throw new ReplayException(ReplayExitCode.UnknownConsumer, $"--consumer: no consumer '{name}'; known: {string.Join(", ", ConsumerGroups.All)}.");
            }

            throw new ReplayException(ReplayExitCode.BadInput,
                $"--consumer {name} runs in {owner}: delivery into a consumer runs in the service that owns it, with its handlers and configuration. " +
                $"Run the same command with that service's binary (dotnet {owner}.dll <command> ..., or its container image with the command as arguments).");
        }

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        ServiceProvider? provider = null;
        try
        {
            register(services, configuration);
            provider = services.BuildServiceProvider();
            // What the host checks at start (ValidateOnStart): a bad setting must stop us before
            // the first record, not fail every delivery into the dead-letter topic.
            provider.GetService<IStartupValidator>()?.Validate();
            return (provider, provider.GetRequiredKeyedService<IEventPipeline>(name));
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            provider?.Dispose();
            throw new ReplayException(ReplayExitCode.BadInput, $"Consumer '{name}' is not configured: {ex.Message}");
        }
    }
}
