using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Testing.KafkaConnect;

namespace KafkaConnect.Tests;

/// <summary>
/// The fake worker validates the keys Kafka Connect itself defines the way Connect does
/// (AbstractHerder.validateConnectorConfig over ConnectorConfig.configDef(), ConfigDef's messages),
/// so that a client sending what a real worker refuses fails here too. Raw HTTP, no client of ours.
/// Covers name, connector.class and tasks.max; not the connector plugin's own keys.
/// </summary>
public sealed class ConnectValidationStandInTests
{
    private const string Postgres = "io.debezium.connector.postgresql.PostgresConnector";

    private FakeConnectWorker worker = null!;
    private HttpClient http = null!;

    [SetUp]
    public async Task StartWorker()
    {
        worker = await FakeConnectWorker.StartAsync();
        http = new HttpClient { BaseAddress = worker.Url };
    }

    [TearDown]
    public async Task StopWorker()
    {
        http.Dispose();
        await worker.DisposeAsync();
    }

    /// <summary>A body without <c>name</c> has exactly one error, ConfigDef's "Missing required configuration".</summary>
    [Test]
    public async Task validate_without_a_name_reports_the_missing_required_name()
    {
        var (status, body) = await PutAsync($"connector-plugins/{Postgres}/config/validate", new JsonObject { ["connector.class"] = Postgres, ["tasks.max"] = "1" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["error_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Errors(body, "name"), Is.EqualTo(new[] { "Missing required configuration \"name\" which has no default value." }));
        Assert.That(Definition(body, "name")!["required"]!.GetValue<bool>(), Is.True);
    }

    /// <summary>tasks.max: default 1 when absent, "at least 1", and a non-number is two messages (parse, then null).</summary>
    [TestCase(null, 0, "1")]
    [TestCase("0", 1, "0")]
    [TestCase("two", 2, null)]
    public async Task tasks_max_follows_connects_int_at_least_one_rule(string? tasksMax, int errors, string? reportedValue)
    {
        var config = new JsonObject { ["name"] = "orders-outbox", ["connector.class"] = Postgres };
        if (tasksMax is not null)
        {
            config["tasks.max"] = tasksMax;
        }

        var (_, body) = await PutAsync($"connector-plugins/{Postgres}/config/validate", config);

        Assert.That(body["error_count"]!.GetValue<int>(), Is.EqualTo(errors));
        Assert.That(Value(body, "tasks.max")!["value"]?.GetValue<string>(), Is.EqualTo(reportedValue));
        if (tasksMax == "two")
        {
            Assert.That(Errors(body, "tasks.max"), Is.EqualTo(new[]
            {
                "Invalid value two for configuration tasks.max: Not a number of type INT",
                "Invalid value null for configuration tasks.max: Value must be non-null",
            }));
        }
    }

    /// <summary>An empty name and one with a control character are refused with ConfigDef's texts.</summary>
    [TestCase("", "Invalid value  for configuration name: String may not be empty")]
    [TestCase("orders\toutbox", "Invalid value orders\toutbox for configuration name: String may not contain control sequences but had the following ASCII chars: 9")]
    public async Task a_name_must_be_non_empty_and_without_control_characters(string name, string message)
    {
        var (_, body) = await PutAsync($"connector-plugins/{Postgres}/config/validate", new JsonObject { ["name"] = name, ["connector.class"] = Postgres });

        Assert.That(Errors(body, "name"), Is.EqualTo(new[] { message }));
    }

    /// <summary>No connector.class, or one that is not the URL's plugin, is a 400 before any validation.</summary>
    [Test]
    public async Task a_missing_or_foreign_connector_class_is_a_400()
    {
        var (missing, missingBody) = await PutAsync($"connector-plugins/{Postgres}/config/validate", new JsonObject { ["name"] = "x" });
        var (foreign, foreignBody) = await PutAsync("connector-plugins/FileStreamSink/config/validate", new JsonObject { ["name"] = "x", ["connector.class"] = Postgres });
        var (alias, _) = await PutAsync("connector-plugins/PostgresConnector/config/validate", new JsonObject { ["name"] = "x", ["connector.class"] = Postgres });

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(missingBody["message"]!.GetValue<string>(), Does.EndWith("contains no connector type"));
            Assert.That(foreign, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(foreignBody["message"]!.GetValue<string>(), Is.EqualTo($"Included connector type {Postgres} does not match request type FileStreamSink"));
            Assert.That(alias, Is.EqualTo(HttpStatusCode.OK), "a simple class name or alias of the same plugin is accepted");
        });
    }

    /// <summary>
    /// PUT /connectors/{name}/config takes the name from the URL, refuses a different one in the body and
    /// refuses an invalid config with Connect's 400 text, storing nothing.
    /// </summary>
    [Test]
    public async Task put_config_takes_the_name_from_the_url_and_refuses_invalid_configs()
    {
        var (created, _) = await PutAsync("connectors/orders-outbox/config", new JsonObject { ["connector.class"] = Postgres });
        var (renamed, renamedBody) = await PutAsync("connectors/orders-outbox/config", new JsonObject { ["connector.class"] = Postgres, ["name"] = "other" });
        var (invalid, invalidBody) = await PutAsync("connectors/payments-outbox/config", new JsonObject { ["connector.class"] = Postgres, ["tasks.max"] = "0" });

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(worker.Connectors["orders-outbox"].Config["name"], Is.EqualTo("orders-outbox"));
            Assert.That(renamed, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(renamedBody["message"]!.GetValue<string>(), Is.EqualTo("Connector name configuration (other) doesn't match connector name in the URL (orders-outbox)"));
            Assert.That(invalid, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(invalidBody["message"]!.GetValue<string>(), Does.StartWith("Connector configuration is invalid and contains the following 1 error(s):\nInvalid value 0 for configuration tasks.max: Value must be at least 1\n"));
            Assert.That(worker.Connectors.ContainsKey("payments-outbox"), Is.False);
        });
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> PutAsync(string path, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static JsonNode? Entry(JsonNode body, string key) => body["configs"]!.AsArray().Single(c => c!["value"]!["name"]!.GetValue<string>() == key);

    private static JsonNode? Value(JsonNode body, string key) => Entry(body, key)!["value"];

    private static JsonNode? Definition(JsonNode body, string key) => Entry(body, key)!["definition"];

    private static string[] Errors(JsonNode body, string key) => [.. Value(body, key)!["errors"]!.AsArray().Select(e => e!.GetValue<string>())];
}
