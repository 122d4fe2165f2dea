using System.Net.Sockets;
using System.Net;
using Platform.Testing.KafkaConnect;

namespace Cli.Tests;

/// <summary>
/// <c>platform connectors ...</c> invoked in process against the fake worker: exit codes and key output.
/// Covers the CLI's decisions (diff, idempotence, refusals, error mapping), not Spectre's rendering.
/// </summary>
public sealed class ConnectorsCommandTests
{
    private const string Rebalance = "Cannot complete request momentarily due to stale configuration";

    private FakeConnectWorker worker = null!;
    private SampleConnectors samples = null!;

    [SetUp]
    public async Task StartWorker()
    {
        worker = await FakeConnectWorker.StartAsync();
        samples = new SampleConnectors();
    }

    [TearDown]
    public async Task StopWorker()
    {
        samples.Dispose();
        await worker.DisposeAsync();
    }

    private Task<CliResult> Run(params string[] args)
        => CliRun.InvokeAsync(["connectors", .. args, "--connect-url", worker.Url.ToString(), "--dir", samples.Dir]);

    /// <summary>First apply creates both connectors; the second finds no diff and makes no PUT.</summary>
    [Test]
    public async Task apply_is_idempotent_and_the_second_apply_makes_no_put()
    {
        var first = await Run("apply");
        var second = await Run("apply");

        Assert.That(first.ExitCode, Is.Zero, first.Output);
        Assert.That(first.Output, Does.Contain("orders-outbox: created").And.Contain("payments-outbox: created"));
        Assert.That(second.ExitCode, Is.Zero, second.Output);
        Assert.That(second.Output, Does.Contain("orders-outbox: unchanged").And.Contain("payments-outbox: unchanged"));
        Assert.That(worker.Count("PUT /connectors/orders-outbox/config"), Is.EqualTo(1));
    }

    /// <summary>Two 409 rebalances on the PUT are retried; the config lands with one successful PUT.</summary>
    [Test]
    public async Task apply_retries_through_a_rebalance_and_puts_the_config_once()
    {
        worker.Script("PUT /connectors/orders-outbox/config", (409, FakeConnectWorker.Error(409, Rebalance)), (409, FakeConnectWorker.Error(409, Rebalance)));

        var result = await Run("apply", "orders-outbox");
        var (exitCode, output) = result;

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("orders-outbox: created"));
        Assert.That(worker.Count("PUT /connectors/orders-outbox/config"), Is.EqualTo(3));
        Assert.That(worker.Connectors.Keys, Is.EquivalentTo(new[] { "orders-outbox" }));
        // The operator sees each retry and why, on stderr.
        Assert.That(result.Errors, Does.Contain("answered 409").And.Contain("retry 2 of 5"));
    }

    /// <summary>409s that outlast --retries exit 5.</summary>
    [Test]
    public async Task apply_exits_5_when_the_rebalance_outlasts_the_retries()
    {
        worker.Script("PUT /connectors/orders-outbox/config", [.. Enumerable.Repeat((409, FakeConnectWorker.Error(409, Rebalance)), 5)]);

        var (exitCode, output) = await Run("apply", "orders-outbox", "--retries", "2");

        Assert.That(exitCode, Is.EqualTo(5), output);
        Assert.That(output, Does.Contain("409"));
    }

    /// <summary>--dry-run shows the changed key and makes no PUT.</summary>
    [Test]
    public async Task dry_run_shows_the_diff_and_makes_no_put()
    {
        await Run("apply");
        samples.Write("orders.json", File.ReadAllText(Path.Combine(samples.Dir, "orders.json")).Replace("\"tasks.max\": \"1\"", "\"tasks.max\": \"2\"", StringComparison.Ordinal));

        var (exitCode, output) = await Run("apply", "--dry-run");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("~ tasks.max: 1 -> 2").And.Contain("dry run, not applied"));
        Assert.That(worker.Count("PUT /connectors/orders-outbox/config"), Is.EqualTo(1));
    }

    /// <summary>Plain secrets are masked in the diff; config-provider references are shown as written and sent untouched.</summary>
    [Test]
    public async Task apply_masks_plain_secrets_but_passes_config_provider_references_through()
    {
        samples.Write("billing.json", """{"name": "billing-outbox", "config": {"connector.class": "io.debezium.connector.postgresql.PostgresConnector", "database.password": "hunter2"}}""");

        var (exitCode, output) = await Run("apply");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("+ database.password = ****").And.Not.Contain("hunter2"));
        Assert.That(output, Does.Contain("${file:/opt/kafka/secrets/db.properties:password}"));
        Assert.That(worker.Connectors["payments-outbox"].Config["database.password"], Is.EqualTo("${env:PAYMENTS_DB_PASSWORD}"));
    }

    /// <summary>A validation error exits 1, names the key and message, and nothing is PUT.</summary>
    [Test]
    public async Task validation_errors_exit_1_name_the_key_and_change_nothing()
    {
        worker.ValidationErrors["topic.prefix"] = "The 'topic.prefix' value is invalid: A value is required";

        var (exitCode, output) = await Run("apply");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("orders-outbox: topic.prefix: The 'topic.prefix' value is invalid"));
        Assert.That(worker.Requests.Any(r => r.Contains("/config", StringComparison.Ordinal) && !r.Contains("validate", StringComparison.Ordinal)), Is.False);
    }

    /// <summary>
    /// The repository's connectors (connectors/*.json) pass the validation Connect does for its own keys
    /// (name, connector.class, tasks.max) and are created: validate carries each connector's name.
    /// </summary>
    [Test]
    public async Task apply_of_the_repository_connectors_passes_connects_own_validation_and_creates_them()
    {
        var (exitCode, output) = await CliRun.InvokeAsync("connectors", "apply", "--connect-url", worker.Url.ToString(), "--dir", Path.Combine(AppContext.BaseDirectory, "connectors"));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(worker.Connectors.Keys, Is.EquivalentTo(new[] { "orders-outbox", "payments-outbox", "inventory-outbox" }));
        Assert.That(worker.Count("PUT /connector-plugins/io.debezium.connector.postgresql.PostgresConnector/config/validate"), Is.EqualTo(3));
    }

    /// <summary>A rule of Connect's own (tasks.max at least 1) exits 1 with Connect's message; nothing is PUT.</summary>
    [Test]
    public async Task apply_refuses_tasks_max_0_with_connects_message_and_changes_nothing()
    {
        samples.Write("orders.json", File.ReadAllText(Path.Combine(samples.Dir, "orders.json")).Replace("\"tasks.max\": \"1\"", "\"tasks.max\": \"0\"", StringComparison.Ordinal));

        var (exitCode, output) = await Run("apply");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("orders-outbox: tasks.max: Invalid value 0 for configuration tasks.max: Value must be at least 1"));
        Assert.That(worker.Connectors, Is.Empty);
    }

    /// <summary>A config.name other than the connector's name is bad input (2): Connect would refuse the PUT.</summary>
    [Test]
    public async Task a_config_name_that_differs_from_the_connector_name_exits_2()
    {
        samples.Write("billing.json", """{"name": "billing-outbox", "config": {"name": "billing", "connector.class": "io.debezium.connector.postgresql.PostgresConnector"}}""");

        var (exitCode, output) = await Run("apply");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("config.name billing differs from name billing-outbox"));
        Assert.That(worker.Requests, Is.Empty);
    }

    /// <summary>A malformed connector file exits 2 naming the file and the position, with no stack trace.</summary>
    [Test]
    public async Task malformed_connector_file_exits_2_naming_the_file()
    {
        samples.Write("broken.json", "{\"name\": \"broken\",\n \"config\": {\"a\": }\n}");

        var (exitCode, output) = await Run("apply");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("broken.json").And.Contain("line 2"));
        Assert.That(output, Does.Not.Contain("   at "));
        Assert.That(worker.Requests, Is.Empty);
    }

    /// <summary>An unknown connector exits 3 with the connector and URL named.</summary>
    [Test]
    public async Task status_of_an_unknown_connector_exits_3()
    {
        var (exitCode, output) = await Run("status", "nope");

        Assert.That(exitCode, Is.EqualTo(3), output);
        Assert.That(output, Does.Contain("connector nope not found on"));
    }

    /// <summary>A closed port exits 4 naming the URL.</summary>
    [Test]
    public async Task unreachable_connect_url_exits_4_naming_the_url()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, output) = await CliRun.InvokeAsync("connectors", "status", "orders-outbox", "--connect-url", $"http://127.0.0.1:{port}");

        Assert.That(exitCode, Is.EqualTo(4), output);
        Assert.That(output, Does.Contain($"unreachable at http://127.0.0.1:{port}/"));
    }

    /// <summary>A --connect-url that is not an http URL is bad input (2).</summary>
    [Test]
    public async Task a_connect_url_that_is_not_http_exits_2()
    {
        var (exitCode, output) = await CliRun.InvokeAsync("connectors", "status", "--connect-url", "not a url");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("not an http(s) URL"));
    }
    /// <summary>conformance without a database is bad input (2) naming the option, before anything is written.</summary>
    [Test]
    public async Task conformance_without_a_database_exits_2_naming_the_option()
    {
        var (exitCode, output) = await Run("conformance", "--bootstrap-servers", "127.0.0.1:1", "--cases", ConformanceCasesFile);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--database"));
        Assert.That(worker.Requests, Is.Empty);
    }

    /// <summary>A cases file that does not exist is bad input (2) naming it.</summary>
    [Test]
    public async Task conformance_with_a_missing_cases_file_exits_2_naming_it()
    {
        var (exitCode, output) = await Run("conformance", "--database", "Host=127.0.0.1;Port=1", "--bootstrap-servers", "127.0.0.1:1", "--cases", "no-such-cases.json");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--cases").And.Contain("no-such-cases.json"));
    }

    /// <summary>With a connector name, an unknown connector exits 3 before any row is written (the database is unreachable on purpose).</summary>
    [Test]
    public async Task conformance_of_an_unknown_connector_exits_3_before_writing()
    {
        var (exitCode, output) = await Run("conformance", "nope", "--database", "Host=127.0.0.1;Port=1", "--bootstrap-servers", "127.0.0.1:1", "--cases", ConformanceCasesFile);

        Assert.That(exitCode, Is.EqualTo(3), output);
        Assert.That(output, Does.Contain("connector nope not found on"));
    }

    private static string ConformanceCasesFile => Path.Combine(AppContext.BaseDirectory, "conformance", "outbox-router-cases.json");
}
