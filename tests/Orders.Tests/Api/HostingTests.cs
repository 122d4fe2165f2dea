using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Orders.Api;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// The host around the endpoints. Covers: liveness without dependencies, readiness against the
/// database (503 naming the failing check when it is down), the OpenAPI document, and start
/// refused (naming the setting) for a missing connection string, an out-of-range setting or a
/// bad OTLP endpoint. Does not cover the standalone process's exit
/// code (Program prints the same message and exits with 1).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class HostingTests
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task health_endpoints_answer_healthy(string path)
    {
        await using var api = await OrdersApiScenario.StartAsync("hosting_health");

        // Without an API key: probes are anonymous.
        using var anonymous = api.Factory.CreateClient();
        using var response = await anonymous.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    /// <summary>Readiness follows the database: 503 naming the failing check once the database is gone; liveness stays 200.</summary>
    [Test]
    public async Task readiness_answers_503_naming_the_database_check_when_the_database_is_down()
    {
        await using var api = await OrdersApiScenario.StartAsync("hosting_db_down");
        using (var ready = await api.Client.GetAsync("/health/ready"))
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
        }

        // The database goes away for good (DROP ... WITH (FORCE) ends the API's sessions too).
        await api.Database.DisposeAsync();

        using var response = await api.Client.GetAsync("/health/ready");
        using var live = await api.Client.GetAsync("/health/live");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), text);
        var failing = JsonDocument.Parse(text).RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() == "Unhealthy").Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.That(failing, Is.EqualTo(new[] { "OrdersDbContext" }));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task the_openapi_document_describes_the_order_endpoints_and_the_idempotency_header()
    {
        await using var api = await OrdersApiScenario.StartAsync("hosting_openapi");

        using var anonymous = api.Factory.CreateClient();
        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.That(document, Does.Contain("\"/orders\"").And.Contain("\"/orders/{id}/cancel\"").And.Contain("Idempotency-Key")
            .And.Contain("PlaceOrderRequest"));
    }

    [TestCase("ConnectionStrings:Orders", "", "ConnectionStrings:Orders is required")]
    [TestCase("Idempotency:KeyLifetime", "00:00:01", "Idempotency:KeyLifetime")]
    [TestCase("Outbox:Retention", "00:00:01", "Outbox:Retention")]
    [TestCase("Kafka:BootstrapServers", "", "Kafka:BootstrapServers is required")]
    [TestCase("Auth:ApiKeys:ops", null, "Auth: configure at least one API key")]
    [TestCase("Auth:ApiKeys:ops", "the-plain-key-itself", "Auth:ApiKeys:ops must be the key's SHA-256")]
    [TestCase("Otlp:Endpoint", "collector:4317", "Otlp:Endpoint must be an absolute http or https URL")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url", "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http or https URL")]
    [TestCase("Otlp:Protocol", "thrift", "Otlp:Protocol")]
    public async Task a_missing_or_bad_setting_refuses_start_naming_it(string key, string? value, string expected)
    {
        // Hosted in-process the way `platform run` hosts it, so the exception reaches the test.
        var builder = OrdersApi.CreateBuilder([]);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = "Host=127.0.0.1;Port=1;Database=never_reached",
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Logging:LogLevel:Default"] = "None",
            ["Auth:ApiKeys:ops"] = Orders.Api.Security.ApiKeys.Hash("an-operator-key-0123456789"),
            [key] = value,
        };
        if (value is null)
        {
            settings.Remove(key); // the setting is absent
        }

        builder.Configuration.AddInMemoryCollection(settings);
        await using var app = OrdersApi.Build(builder);

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.That(ex!.Message, Does.Contain(expected));
    }
}
