using Confluent.Kafka;
using Platform.Messaging.Consuming;

namespace Messaging.Tests;

/// <summary>
/// Covers: the consumer's librdkafka settings: the heartbeat interval follows the session
/// timeout (at most a third of it, librdkafka's 3 s at most) unless the operator set it, and the
/// settings that make the offset commit follow the effect are the host's whatever the operator
/// passes. Does not cover: their effect on a running group (ConsumerHostTests).
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
        var config = ConsumerClientConfig.For(new ConsumerOptions { BootstrapServers = "kafka:9092", GroupId = "payments", SessionTimeoutMs = sessionTimeoutMs });

        Assert.That((config.SessionTimeoutMs, config.HeartbeatIntervalMs), Is.EqualTo((sessionTimeoutMs, heartbeatIntervalMs)));
    }

    [Test]
    public void an_operator_heartbeat_interval_is_kept_and_the_commit_settings_are_the_hosts()
    {
        var options = new ConsumerOptions { BootstrapServers = "kafka:9092", GroupId = "payments", SessionTimeoutMs = 3_000 };
        options.KafkaProperties["heartbeat.interval.ms"] = "500";
        options.KafkaProperties["group.instance.id"] = "payments-0";

        var config = ConsumerClientConfig.For(options);

        Assert.That((config.HeartbeatIntervalMs, config.GroupInstanceId, config.EnableAutoOffsetStore, config.IsolationLevel, config.GroupId),
            Is.EqualTo(((int?)500, "payments-0", (bool?)false, (IsolationLevel?)IsolationLevel.ReadCommitted, "payments")));
    }
}
