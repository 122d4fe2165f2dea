using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.Kafka.DeadLetters;
using Platform.Kafka;
using Platform.Messaging;
using Platform.Persistence;

namespace Kafka.Tests;

/// <summary>
/// One set of <c>Kafka:Properties</c> serves a service's consumers and the producers beside them:
/// librdkafka tells which properties only a consumer reads, and the dead-letter producer is built
/// without them, so it starts without a configuration warning nobody can act on.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class KafkaPropertyCheckTests
{
    private static readonly Dictionary<string, string> Mixed = new()
    {
        ["check.crcs"] = "true",
        ["fetch.wait.max.ms"] = "100",
        ["linger.ms"] = "1",
        ["security.protocol"] = "PLAINTEXT",
    };

    [Test]
    public void consumer_only_names_what_librdkafka_reads_only_in_a_consumer()
    {
        Assert.That(KafkaPropertyCheck.ConsumerOnly(Mixed), Is.EquivalentTo(new[] { "check.crcs", "fetch.wait.max.ms" }));
        Assert.That(KafkaPropertyCheck.ForProducer(Mixed).Keys, Is.EquivalentTo(new[] { "linger.ms", "security.protocol" }));
    }

    [Test]
    public void the_dead_letter_producer_given_consumer_properties_starts_without_a_configuration_warning()
    {
        var lines = new ConcurrentQueue<string>();
        using (var loggers = LoggerFactory.Create(logging => logging.AddProvider(new CapturingLoggerProvider(lines))))
        using (new DeadLetterPublisher("127.0.0.1:9", TimeProvider.System, loggers.CreateLogger<DeadLetterPublisher>(), Mixed))
        {
        }

        Assert.That(lines, Has.None.Contains("consumer property"));
    }
}
