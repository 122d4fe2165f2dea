namespace Relay.Tests;

/// <summary>
/// Covers: a relay whose database host name has not resolved since it started (the resolver's
/// "no such host") retries it for <c>Relay:UnknownHostPatience</c>, then stops for good naming
/// <c>Relay:ConnectionString</c> and the host. Does not cover: an unknown host after the relay
/// has streamed (retried like any outage; RestartAndTakeoverTests covers the outage retries).
/// No database or Kafka is touched.
/// </summary>
public class UnknownHostTests
{
    [Test]
    public async Task a_database_host_that_never_resolved_stops_the_relay_naming_the_setting_after_its_patience()
    {
        const string host = "relay-db-misspelt.invalid";
        await TestDns.RequireNoSuchHostAsync(host);

        await using var relay = await RelayInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Relay:ConnectionString"] = $"Host={host};Database=orders;Username=relay",
            ["Relay:BootstrapServers"] = "127.0.0.1:1",
            ["Relay:UnknownHostPatience"] = "00:00:01",
        });

        await Eventually.WaitAsync(() => Task.FromResult(relay.Status.Fatal is not null), "the relay to stop on the unknown host", TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(relay.Status.Fatal!.Message, Does.StartWith("Relay:ConnectionString: the database host 'relay-db-misspelt.invalid' does not resolve"),
                "the error names the setting and the host");
            Assert.That(relay.Status.HasStreamed, Is.False);
            Assert.That(relay.Stopping.IsCancellationRequested, Is.True, "the relay stopped its host");
        });
        Environment.ExitCode = 0;
    }
}
