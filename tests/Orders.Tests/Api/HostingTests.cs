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
/// bad OTLP endpoint, bad operator keys, and bad or misspelled rate limits; the OpenAPI document's
/// statuses. Does not cover the standalone process's exit
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

    /// <summary>A value of the wrong type is refused by the configuration binder, which names the setting's path.</summary>
    [Test]
    public async Task a_rate_limit_of_the_wrong_type_refuses_start_naming_it()
    {
        var builder = OrdersApi.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = "Host=127.0.0.1;Port=1;Database=never_reached",
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Logging:LogLevel:Default"] = "None",
            ["Auth:ApiKeys:shop"] = Orders.Api.Security.ApiKeys.Hash("a-client-key-0123456789"),
            ["RateLimits:Clients:shop:TokenLimit"] = "lots",
        });
        await using var app = OrdersApi.Build(builder);

        var ex = Assert.CatchAsync(() => app.StartAsync());

        Assert.That(Platform.ServiceDefaults.Settings.SettingRefusal.Reasons(ex!), Has.One.Contains("'RateLimits:Clients:shop:TokenLimit'"), ex!.ToString());
    }

    /// <summary>
    /// The document lists the answers the access rules and rate limits add: 404 where another
    /// client's order is not found, 403 on /stats, 429 on every limited endpoint.
    /// </summary>
    [Test]
    public async Task the_openapi_document_lists_404_403_and_429_where_they_apply()
    {
        await using var api = await OrdersApiScenario.StartAsync("hosting_openapi_statuses");

        using var anonymous = api.Factory.CreateClient();
        var paths = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        string[] Statuses(string path, string method) =>
            [.. paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name)];

        Assert.Multiple(() =>
        {
            Assert.That(Statuses("/orders", "post"), Does.Contain("429"));
            Assert.That(Statuses("/orders", "get"), Does.Contain("429"));
            Assert.That(Statuses("/orders/{id}", "get"), Does.Contain("404").And.Contain("429"));
            Assert.That(Statuses("/orders/{id}/timeline", "get"), Does.Contain("404").And.Contain("429"));
            Assert.That(Statuses("/orders/{id}/cancel", "post"), Does.Contain("404").And.Contain("429"));
            Assert.That(Statuses("/stats", "get"), Does.Contain("403").And.Contain("429"));
        });
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
    [TestCase("Auth:OperatorKeys:ops", "the-plain-key-itself", "Auth:OperatorKeys:ops must be the key's SHA-256")]
    [TestCase("Auth:OperatorKeys:root", "SAME-AS-OPS", "Auth:OperatorKeys:root holds the same key as Auth:ApiKeys:ops")]
    [TestCase("Auth:OperatorKeys:ops", "ANOTHER-HASH", "Auth:OperatorKeys:ops names a client of Auth:ApiKeys too")]
    [TestCase("Auth:Jwt:RoleClaim", " ", "Auth:Jwt:RoleClaim must not be empty")]
    [TestCase("RateLimits:Default:TokenLimit", "0", "RateLimits:Default:TokenLimit must be between 1 and 1000000")]
    [TestCase("RateLimits:Default:TokensPerPeriod", "2000000", "RateLimits:Default:TokensPerPeriod must be between 1 and 1000000")]
    [TestCase("RateLimits:Clients:shop:ReplenishmentPeriod", "00:00:00.010", "RateLimits:Clients:shop:ReplenishmentPeriod must be between")]
    [TestCase("RateLimits:Clients:shop:TokenLimt", "5", "RateLimits:Clients:shop:TokenLimt is not a setting")]
    [TestCase("RateLimits:Defualt:TokenLimit", "5", "RateLimits:Defualt is not a setting")]
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
            [key] = value switch
            {
                "SAME-AS-OPS" => Orders.Api.Security.ApiKeys.Hash("an-operator-key-0123456789"),
                "ANOTHER-HASH" => Orders.Api.Security.ApiKeys.Hash("another-key-0123456789"),
                _ => value,
            },
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
