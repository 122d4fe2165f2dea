namespace Messaging.Tests;

/// <summary>
/// <c>Kafka:Properties</c> reach the consumer's clients (here SASL settings that the mock cluster
/// does not accept, so the client reports an authentication or transport failure through the
/// host's logs), and the secret among them never appears in any log line the host writes,
/// librdkafka's own lines included. Reserved and unknown properties are refused at start
/// (Services.Tests' configuration battery).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class KafkaClientPropertiesTests
{
    private const string Secret = "s3cr3t-sentinel-7f4e2a";

    [Test]
    public async Task sasl_settings_reach_the_client_and_the_password_never_reaches_the_logs()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("sasl");
        scenario.KafkaProperties["security.protocol"] = "SASL_PLAINTEXT";
        scenario.KafkaProperties["sasl.mechanism"] = "PLAIN";
        scenario.KafkaProperties["sasl.username"] = "payments";
        scenario.KafkaProperties["sasl.password"] = Secret;

        await scenario.StartAsync();
        await Eventually.WaitAsync(
            () => Task.FromResult(scenario.Logs.Any(l => l.Contains("SASL", StringComparison.OrdinalIgnoreCase))),
            "the consumer's client to report its SASL handshake", TimeSpan.FromSeconds(30));
        await scenario.StopAsync();

        Assert.That(scenario.Logs, Has.None.Contains(Secret));
    }
}
