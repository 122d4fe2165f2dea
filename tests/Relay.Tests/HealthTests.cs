using System.Net;
using System.Text.Json;

namespace Relay.Tests;

/// <summary>
/// The relay process's health endpoints. Covers: readiness 200 once its slot exists with the
/// database and Kafka reachable; 503 naming the relay check while its database is unreachable,
/// liveness staying 200. Does not cover an invalidated slot (SlotSafetyTests covers the relay's
/// reaction; the check reads the same wal_status).
/// </summary>
[Parallelizable]
public class HealthTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [Test]
    public async Task readiness_is_200_once_the_relay_holds_its_slot_with_database_and_kafka_checked()
    {
        await using var scenario = await RelayScenario.CreateAsync("health-ready");
        using var relay = RelayProcess.Start(scenario.Settings());

        var report = await WaitForReadinessAsync(relay, HttpStatusCode.OK);

        Assert.That(report, Is.EqualTo(new Dictionary<string, string> { ["relay"] = "Healthy", ["kafka"] = "Healthy" }), relay.Output);
    }

    [Test]
    public async Task readiness_is_503_naming_the_relay_check_while_its_database_is_unreachable()
    {
        await using var scenario = await RelayScenario.CreateAsync("health-db-down", requireLogical: false);
        var settings = scenario.Settings();
        settings["Relay:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=unreachable;Timeout=2";
        using var relay = RelayProcess.Start(settings);

        var report = await WaitForReadinessAsync(relay, HttpStatusCode.ServiceUnavailable);
        using var live = await Http.GetAsync(relay.HealthUrl + "/health/live");

        Assert.That(report, Is.EqualTo(new Dictionary<string, string> { ["relay"] = "Unhealthy", ["kafka"] = "Healthy" }), relay.Output);
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>Polls /health/ready until it answers <paramref name="expected"/>; returns each check's status.</summary>
    private static async Task<Dictionary<string, string>> WaitForReadinessAsync(RelayProcess relay, HttpStatusCode expected)
    {
        var body = string.Empty;
        await Eventually.WaitAsync(async () =>
        {
            Assert.That(relay.HasExited, Is.False, relay.Output);
            try
            {
                using var response = await Http.GetAsync(relay.HealthUrl + "/health/ready");
                body = await response.Content.ReadAsStringAsync();
                return response.StatusCode == expected;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, $"/health/ready to answer {(int)expected}", TimeSpan.FromSeconds(45));
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
    }
}
