using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;
using Platform.Kafka.Clients;
using Platform.Messaging.Consuming;

namespace Kafka.Tests;

/// <summary>
/// Covers: the consumer's librdkafka settings: the heartbeat interval follows the session
/// timeout (at most a third of it, librdkafka's 3 s at most) unless the operator set it, and the
/// settings that make the offset commit follow the effect are the host's whatever the operator
/// passes; under KIP-848's consumer group protocol the session and heartbeats are the broker's,
/// so the host sets neither and refuses an operator property of the classic protocol, naming it.
/// Does not cover: their effect on a running group (ConsumerHostTests).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ConsumerClientConfigTests
{
    [TestCase(3_000, 1_000)]
    [TestCase(6_000, 2_000)]
    [TestCase(10_000, 3_000)]
    [TestCase(45_000, 3_000)]
    public void heartbeats_come_at_most_a_third_of_the_session_timeout_apart(int sessionTimeoutMs, int heartbeatIntervalMs)
    {
        var config = ConsumerClientConfig.For(new ConsumerOptions { BootstrapServers = "kafka:9092", GroupId = "payments", SessionTimeoutMs = sessionTimeoutMs }.ClientSettings);

        Assert.That((config.SessionTimeoutMs, config.HeartbeatIntervalMs), Is.EqualTo((sessionTimeoutMs, heartbeatIntervalMs)));
    }

    [Test]
    public void an_operator_heartbeat_interval_is_kept_and_the_commit_settings_are_the_hosts()
    {
        var options = new ConsumerOptions { BootstrapServers = "kafka:9092", GroupId = "payments", SessionTimeoutMs = 3_000 };
        options.KafkaProperties["heartbeat.interval.ms"] = "500";
        options.KafkaProperties["group.instance.id"] = "payments-0";

        var config = ConsumerClientConfig.For(options.ClientSettings);

        Assert.That((config.HeartbeatIntervalMs, config.GroupInstanceId, config.EnableAutoOffsetStore, config.IsolationLevel, config.GroupId),
            Is.EqualTo(((int?)500, "payments-0", (bool?)false, (IsolationLevel?)IsolationLevel.ReadCommitted, "payments")));
    }

    [Test]
    public void under_the_consumer_group_protocol_the_session_and_heartbeats_are_left_to_the_broker()
    {
        var options = new ConsumerOptions { BootstrapServers = "127.0.0.1:9", GroupId = "payments", SessionTimeoutMs = 3_000 };
        options.KafkaProperties["group.protocol"] = "consumer";

        var config = ConsumerClientConfig.For(options.ClientSettings);

        Assert.That((config.SessionTimeoutMs, config.HeartbeatIntervalMs, config.EnableAutoOffsetStore), Is.EqualTo(((int?)null, (int?)null, (bool?)false)));
        // librdkafka refuses a consumer-protocol client that sets either; this one it builds.
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        Assert.That(consumer.Name, Is.Not.Empty);
    }

    [TestCase("session.timeout.ms", "3000")]
    [TestCase("heartbeat.interval.ms", "500")]
    [TestCase("partition.assignment.strategy", "cooperative-sticky")]
    public void a_classic_protocol_property_under_the_consumer_group_protocol_refuses_start_naming_it(string property, string value)
    {
        var options = new ConsumerOptions { BootstrapServers = "127.0.0.1:9", GroupId = "payments" };
        options.Topics.Add("orders.events");
        options.KafkaProperties["group.protocol"] = "consumer";
        options.KafkaProperties[property] = value;

        var results = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.That(valid, Is.False);
        Assert.That(results.Select(r => r.ErrorMessage), Has.Some.Matches<string?>(m => m!.Contains($"Kafka:Properties:{property}", StringComparison.Ordinal) && m.Contains("group.protocol=consumer", StringComparison.Ordinal)));
    }
}
