using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Kafka.DeadLetters;
using Platform.Persistence.Inbox;

namespace Platform.Messaging.Consuming;

/// <summary>
/// The one place a consumer's <see cref="RecordProcessor{TContext}"/> and dead-letter publisher
/// are built, from its named <see cref="ConsumerOptions"/> and handler registry: the hosted
/// <see cref="ConsumerHost{TContext}"/> and direct deliveries (<see cref="IEventPipeline"/>) share
/// it. Owned by the DI container, which disposes it (and the publisher) after the host stopped.
/// </summary>
internal sealed class EventPipeline<TContext> : IEventPipeline, IDisposable where TContext : DbContext
{
    private readonly DeadLetterPublisher _deadLetters;
    private readonly ConcurrentDictionary<TopicPartition, SequenceTracker> _sequences = new();

    private EventPipeline(string name, ConsumerOptions options, TimeSpan inboxRetention, RecordProcessor<TContext> processor, DeadLetterPublisher deadLetters)
    {
        Name = name;
        Options = options;
        InboxRetention = inboxRetention;
        Processor = processor;
        _deadLetters = deadLetters;
    }

    public string Name { get; }

    public string GroupId => Options.GroupId;

    public IReadOnlyList<string> Topics => [.. Options.Topics];

    public TimeSpan InboxRetention { get; }

    /// <summary>The consumer's settings (validated when resolved).</summary>
    public ConsumerOptions Options { get; }

    /// <summary>The processor the live host hands its partitions' records to.</summary>
    public RecordProcessor<TContext> Processor { get; }

    /// <summary>Builds consumer <paramref name="name"/>'s pipeline from the container's services.</summary>
    public static EventPipeline<TContext> Create(IServiceProvider provider, string name, EventHandlerRegistry<TContext> registry)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<ConsumerOptions>>().Get(name);
        var clock = provider.GetRequiredService<TimeProvider>();
        var loggers = provider.GetRequiredService<ILoggerFactory>();
        var deadLetters = new DeadLetterPublisher(options.BootstrapServers, clock, loggers.CreateLogger<DeadLetterPublisher>(), options.KafkaProperties);
        var processor = new RecordProcessor<TContext>(
            options.GroupId, provider.GetRequiredService<IServiceScopeFactory>(), registry, deadLetters, options,
            provider.GetRequiredService<ConsumerMetrics>(), clock, loggers.CreateLogger($"Platform.Messaging.Consumer.{name}"));
        var retention = provider.GetRequiredService<IOptions<InboxOptions>>().Value.Retention;
        return new EventPipeline<TContext>(name, options, retention, processor, deadLetters);
    }

    public Task<RecordOutcome> DeliverAsync(ConsumeResult<byte[]?, byte[]?> record, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        // One tracker per partition, as the live host keeps one per partition worker.
        var sequences = _sequences.GetOrAdd(record.TopicPartition, _ => new SequenceTracker());
        return Processor.ProcessAsync(record, sequences, force, cancellationToken);
    }

    public void Dispose()
    {
        Processor.Dispose();
        _deadLetters.Dispose();
    }
}
