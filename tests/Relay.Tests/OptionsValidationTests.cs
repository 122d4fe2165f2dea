using Microsoft.Extensions.Hosting;

namespace Relay.Tests;

/// <summary>
/// Each bad or missing setting stops the relay at start with a message naming the setting,
/// in-process (the host refuses to start). No database or Kafka is touched.
/// </summary>
[Parallelizable]
public class OptionsValidationTests
{
    [TestCase("Relay:ConnectionString", null, "Relay:ConnectionString")]
    [TestCase("Relay:BootstrapServers", "", "Relay:BootstrapServers")]
    [TestCase("Relay:SlotName", "Bad-Slot", "Relay:SlotName must match [a-z0-9_]{1,63}")]
    [TestCase("Relay:PublicationName", "", "Relay:PublicationName")]
    [TestCase("Relay:ConfirmInterval", "00:00:02", "Relay:ConfirmInterval")]
    [TestCase("Relay:HeartbeatInterval", "00:00:00", "Relay:HeartbeatInterval")]
    [TestCase("Relay:RouteTopicRegex", "(unclosed", "Relay:RouteTopicRegex")]
    [TestCase("Relay:RouteTopicReplacement", "${missing}.events", "Relay:RouteTopicReplacement")]
    [TestCase("Relay:AdditionalPlacement", "type:envelope:eventType", "Relay:AdditionalPlacement")]
    [TestCase("Relay:AdditionalPlacement", "nosuchcolumn:header:x", "Relay:AdditionalPlacement")]
    [TestCase("Relay:PollingBatchSize", "0", "Relay:PollingBatchSize")]
    [TestCase("Relay:UnknownHostPatience", "00:00:00", "Relay:UnknownHostPatience must be between")]
    [TestCase("Relay:Producer:acks", "1", "Relay:Producer:acks")]
    [TestCase("Relay:Producer:no.such.property", "1", "Relay:Producer: ")]
    [TestCase("Relay:Producer:linger.ms", "lots", "Relay:Producer: Invalid value")]
    [TestCase("Relay:Mode", "Sometimes", "Relay:Mode")]
    public void a_bad_setting_stops_the_relay_at_start_naming_it(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Relay:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Relay:BootstrapServers"] = "127.0.0.1:1",
            [key] = value,
        };
        using var host = RelayInstance.Build(settings);
        var error = Assert.ThrowsAsync(Is.InstanceOf<Exception>(), () => host.StartAsync())!;
        Assert.That(error.Message, Does.Contain(expected));
    }

    [Test]
    public void connection_strings_outbox_is_used_when_relay_connection_string_is_absent()
    {
        using var host = RelayInstance.Build(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Outbox"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Relay:BootstrapServers"] = "127.0.0.1:1",
        });
        var options = (Microsoft.Extensions.Options.IOptions<Platform.Relay.Configuration.RelayOptions>)
            host.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Platform.Relay.Configuration.RelayOptions>))!;
        Assert.That(options.Value.ConnectionString, Is.EqualTo("Host=127.0.0.1;Port=1;Database=none"));
    }

    /// <summary>librdkafka's own producer properties, checked by librdkafka, pass.</summary>
    [Test]
    public void producer_properties_librdkafka_knows_are_accepted()
    {
        using var host = RelayInstance.Build(new Dictionary<string, string?>
        {
            ["Relay:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Relay:BootstrapServers"] = "127.0.0.1:1",
            ["Relay:Producer:linger.ms"] = "5",
            ["Relay:Producer:compression.type"] = "zstd",
        });
        var options = (Microsoft.Extensions.Options.IOptions<Platform.Relay.Configuration.RelayOptions>)
            host.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Platform.Relay.Configuration.RelayOptions>))!;
        Assert.That(options.Value.Producer, Has.Count.EqualTo(2));
    }
}
