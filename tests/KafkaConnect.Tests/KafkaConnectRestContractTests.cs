using System.Text.Json.Nodes;
using Platform.KafkaConnect;
using Platform.Testing.KafkaConnect;

namespace KafkaConnect.Tests;

/// <summary>
/// The typed client against a fake worker answering with Connect's documented codes and bodies.
/// Covers retries, error mapping and body shapes; not a real Connect worker's behaviour beyond them.
/// </summary>
public sealed class KafkaConnectRestContractTests
{
    private const string Rebalance = "Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)";
    private static readonly Dictionary<string, string> Config = new() { ["connector.class"] = "io.debezium.connector.postgresql.PostgresConnector", ["tasks.max"] = "1" };

    private FakeConnectWorker worker = null!;
    private HttpClient http = null!;

    [SetUp]
    public async Task StartWorker()
    {
        worker = await FakeConnectWorker.StartAsync();
        http = new HttpClient();
    }

    [TearDown]
    public async Task StopWorker()
    {
        http.Dispose();
        await worker.DisposeAsync();
    }

    private KafkaConnectClient Client(int retries = 5) => new(http, new KafkaConnectOptions { BaseUrl = worker.Url, MaxConflictRetries = retries, InitialBackoff = TimeSpan.Zero });

    /// <summary>Two 409 rebalance answers, then success: the PUT lands once and reports "created" (201).</summary>
    [Test]
    public async Task put_config_retries_through_two_rebalance_409s_and_creates_once()
    {
        worker.Script("PUT /connectors/orders-outbox/config", (409, FakeConnectWorker.Error(409, Rebalance)), (409, FakeConnectWorker.Error(409, Rebalance)));

        var created = await Client().PutConfigAsync("orders-outbox", Config, CancellationToken.None);

        Assert.That(created, Is.True);
        Assert.That(worker.Count("PUT /connectors/orders-outbox/config"), Is.EqualTo(3));
        Assert.That(worker.Connectors["orders-outbox"].Config["tasks.max"], Is.EqualTo("1"));
    }

    /// <summary>A 409 that never ends stops after the configured retries with the Conflict kind.</summary>
    [Test]
    public void rebalance_409_that_never_ends_gives_up_after_the_configured_retries()
    {
        worker.Script("GET /connectors/orders-outbox/status", [.. Enumerable.Repeat((409, FakeConnectWorker.Error(409, Rebalance)), 10)]);

        var e = Assert.ThrowsAsync<KafkaConnectException>(() => Client(retries: 2).GetStatusAsync("orders-outbox", CancellationToken.None));

        Assert.That(e!.Kind, Is.EqualTo(KafkaConnectErrorKind.Conflict));
        Assert.That(worker.Count("GET /connectors/orders-outbox/status"), Is.EqualTo(3));
    }

    /// <summary>POST /connectors for an existing name: 409 "already exists" is reported once, never retried.</summary>
    [Test]
    public void create_reports_already_exists_without_retrying()
    {
        worker.Add("orders-outbox");

        var e = Assert.ThrowsAsync<KafkaConnectException>(() => Client().CreateAsync(new ConnectorDefinition("orders-outbox", Config), CancellationToken.None));

        Assert.That(e!.Kind, Is.EqualTo(KafkaConnectErrorKind.AlreadyExists));
        Assert.That(e.Message, Does.Contain("Connector orders-outbox already exists"));
        Assert.That(worker.Count("POST /connectors"), Is.EqualTo(1));
    }

    /// <summary>404 names the connector and the worker URL.</summary>
    [Test]
    public void status_of_an_unknown_connector_names_the_connector_and_the_url()
    {
        var e = Assert.ThrowsAsync<KafkaConnectException>(() => Client().GetStatusAsync("nope", CancellationToken.None));

        Assert.That(e!.Kind, Is.EqualTo(KafkaConnectErrorKind.NotFound));
        Assert.That(e.Message, Does.Contain("connector nope not found on " + worker.Url));
    }

    /// <summary>Connect's 500 "Request timed out" becomes TimedOut with a hint to check the worker.</summary>
    [Test]
    public void request_timed_out_500_is_reported_as_timed_out_with_a_worker_hint()
    {
        worker.Script("PUT /connectors/orders-outbox/config", (500, FakeConnectWorker.Error(500, "Request timed out")));

        var e = Assert.ThrowsAsync<KafkaConnectException>(() => Client().PutConfigAsync("orders-outbox", Config, CancellationToken.None));

        Assert.That(e!.Kind, Is.EqualTo(KafkaConnectErrorKind.TimedOut));
        Assert.That(e.Message, Does.Contain("check the worker"));
    }

    /// <summary>Validate flattens configs[].value.errors into key + message and keeps error_count.</summary>
    [Test]
    public async Task validate_flattens_config_errors_with_their_keys()
    {
        worker.ValidationErrors["slot.name"] = "The 'slot.name' value is invalid: Valid replication slot name must contain only digits, lowercase characters and underscores";
        var connector = new ConnectorDefinition("orders-outbox", new Dictionary<string, string>(Config) { ["slot.name"] = "Debezium-Orders", ["tasks.max"] = "0" });

        var result = await Client().ValidateAsync(connector, CancellationToken.None);

        Assert.That(result.ErrorCount, Is.EqualTo(2));
        Assert.That(result.Errors, Is.EquivalentTo(new[]
        {
            new ConfigError("tasks.max", "Invalid value 0 for configuration tasks.max: Value must be at least 1"),
            new ConfigError("slot.name", worker.ValidationErrors["slot.name"]),
        }));
    }

    /// <summary>
    /// Connect requires <c>name</c> in the validated config (ConnectorConfig: required, no default): the client
    /// sends the connector's name, so a config Connect accepts validates clean. Without the name this fails.
    /// </summary>
    [Test]
    public async Task validate_sends_the_connector_name_that_connect_requires()
    {
        var result = await Client().ValidateAsync(new ConnectorDefinition("orders-outbox", Config), CancellationToken.None);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.IsValid, Is.True);
    }

    /// <summary>KIP-875: resetting offsets of a RUNNING connector surfaces Connect's own 400 message.</summary>
    [Test]
    public void reset_offsets_of_a_running_connector_surfaces_connects_400_message()
    {
        worker.Add("orders-outbox");

        var e = Assert.ThrowsAsync<KafkaConnectException>(() => Client().ResetOffsetsAsync("orders-outbox", CancellationToken.None));

        Assert.That(e!.StatusCode, Is.EqualTo(400));
        Assert.That(e.Message, Does.Contain("must be in the STOPPED state"));
    }

    /// <summary>KIP-875: PATCH sends {"offsets":[{partition, offset}]} and a stopped connector takes it.</summary>
    [Test]
    public async Task alter_offsets_patches_partition_and_offset_of_a_stopped_connector()
    {
        worker.Add("orders-outbox", state: "STOPPED");
        var offset = new ConnectorOffset(new JsonObject { ["server"] = "orders" }, new JsonObject { ["lsn"] = 123456 });

        var message = await Client().AlterOffsetsAsync("orders-outbox", [offset], CancellationToken.None);
        var offsets = await Client().GetOffsetsAsync("orders-outbox", CancellationToken.None);

        Assert.That(message, Does.Contain("altered successfully"));
        Assert.That(offsets.Single().Offset!["lsn"]!.GetValue<long>(), Is.EqualTo(123456));
    }

    /// <summary>KIP-745: restart with tasks answers 202 with a status body; the old style answers 204 (null).</summary>
    [Test]
    public async Task restart_with_tasks_returns_the_202_status_and_old_style_204_returns_null()
    {
        worker.Add("orders-outbox");

        var withTasks = await Client().RestartAsync("orders-outbox", includeTasks: true, onlyFailed: false, CancellationToken.None);
        var oldStyle = await Client().RestartAsync("orders-outbox", includeTasks: false, onlyFailed: false, CancellationToken.None);

        Assert.That(withTasks!.Connector.State, Is.EqualTo("RUNNING"));
        Assert.That(oldStyle, Is.Null);
        Assert.That(worker.Requests, Does.Contain("POST /connectors/orders-outbox/restart?includeTasks=true&onlyFailed=false"));
    }

    /// <summary>GET /connectors?expand=status is read into one status per connector.</summary>
    [Test]
    public async Task list_statuses_reads_the_expand_status_map()
    {
        worker.Add("orders-outbox");
        worker.Add("payments-outbox", state: "PAUSED");

        var statuses = await Client().ListStatusesAsync(CancellationToken.None);

        Assert.That(statuses.Select(s => (s.Name, s.Connector.State)), Is.EqualTo(new[] { ("orders-outbox", "RUNNING"), ("payments-outbox", "PAUSED") }));
    }
}
