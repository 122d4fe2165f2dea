using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Kafka.Health;

namespace Kafka.Tests;

/// <summary>
/// The <c>kafka</c> readiness check follows its cluster: healthy while it answers, unhealthy while
/// every broker is down, healthy again once they are back, although the client it kept from the
/// healthy checks lost its connections in between. Needs the mock cluster's fault hooks (every
/// broker unreachable), so runs on a mock cluster of its own whatever the run's Kafka (the shared
/// one must stay up for the other tests).
/// </summary>
public class KafkaHealthCheckTests
{
    [Test]
    public async Task readiness_is_lost_while_the_brokers_are_down_and_comes_back_with_them()
    {
        using var cluster = TestKafka.OwnMockCluster("Taking every broker down");
        using var check = new KafkaHealthCheck(cluster.BootstrapServers);
        var context = new HealthCheckContext();

        for (var i = 0; i < 3; i++)
        {
            var healthy = await check.CheckHealthAsync(context);
            Assert.That(healthy.Status, Is.EqualTo(HealthStatus.Healthy), healthy.Description);
            Assert.That(healthy.Description, Does.StartWith("3 broker(s)"));
        }

        cluster.SetReachable(false);
        var down = await check.CheckHealthAsync(context);
        Assert.That(down.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(down.Description, Does.Contain("unreachable").Or.Contain("No broker answered"));

        cluster.SetReachable(true);
        await Eventually.WaitAsync(async () => (await check.CheckHealthAsync(context)).Status == HealthStatus.Healthy,
            "the check to report the cluster healthy again", TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task without_bootstrap_servers_the_process_does_not_use_kafka_and_is_ready()
    {
        using var check = new KafkaHealthCheck("");
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(result.Description, Is.EqualTo("Kafka is not configured for this process."));
    }
}
