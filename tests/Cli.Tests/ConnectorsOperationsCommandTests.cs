using Platform.Testing.KafkaConnect;

namespace Cli.Tests;

/// <summary>
/// status, wait and offsets commands in process against the fake worker: the KIP-875 STOPPED rule,
/// wait's exit on RUNNING and FAILED, and the JSON output scripts read.
/// </summary>
public sealed class ConnectorsOperationsCommandTests
{
    private FakeConnectWorker worker = null!;

    [SetUp]
    public async Task StartWorker() => worker = await FakeConnectWorker.StartAsync();

    [TearDown]
    public async Task StopWorker() => await worker.DisposeAsync();

    private Task<CliResult> Run(params string[] args)
        => CliRun.InvokeAsync(["connectors", .. args, "--connect-url", worker.Url.ToString()]);

    /// <summary>offsets reset of a RUNNING connector is refused before any DELETE, naming the stop command.</summary>
    [Test]
    public async Task offsets_reset_of_a_running_connector_is_refused_with_the_command_to_run()
    {
        worker.Add("orders-outbox");

        var (exitCode, output) = await Run("offsets", "reset", "orders-outbox");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("is RUNNING").And.Contain("platform connectors stop orders-outbox"));
        Assert.That(worker.Count("DELETE /connectors/orders-outbox/offsets"), Is.Zero);
    }

    /// <summary>stop, then offsets reset and set succeed; offsets get --json shows the new LSN.</summary>
    [Test]
    public async Task stop_then_offsets_reset_and_set_rewind_the_connector()
    {
        worker.Add("orders-outbox");

        Assert.That((await Run("stop", "orders-outbox")).ExitCode, Is.Zero);
        var reset = await Run("offsets", "reset", "orders-outbox");
        var set = await Run("offsets", "set", "orders-outbox", "--partition", """{"server":"orders"}""", "--offset", """{"lsn":4242}""");
        var get = await Run("offsets", "get", "orders-outbox", "--json");

        Assert.That(reset.Output, Does.Contain("reset successfully"));
        Assert.That(set.ExitCode, Is.Zero, set.Output);
        Assert.That(get.Output, Does.Contain("\"lsn\": 4242"));
    }

    /// <summary>A malformed --offset is bad input (2) naming the option.</summary>
    [Test]
    public async Task offsets_set_with_malformed_json_exits_2_naming_the_option()
    {
        worker.Add("orders-outbox", state: "STOPPED");

        var (exitCode, output) = await Run("offsets", "set", "orders-outbox", "--partition", """{"server":"orders"}""", "--offset", "{lsn:");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--offset is not valid JSON"));
    }

    /// <summary>wait polls through UNASSIGNED and exits 0 once connector and task are RUNNING.</summary>
    [Test]
    public async Task wait_exits_0_once_the_connector_and_its_tasks_run()
    {
        worker.Add("orders-outbox").UpcomingStates.Enqueue(("UNASSIGNED", "UNASSIGNED"));

        var (exitCode, output) = await Run("wait", "orders-outbox", "--interval", "10ms");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(worker.Count("GET /connectors/orders-outbox/status"), Is.EqualTo(2));
    }

    /// <summary>A just-created connector answers 404 "No status found" while its config exists: wait keeps polling.</summary>
    [Test]
    public async Task wait_keeps_polling_while_a_just_created_connector_has_no_status_yet()
    {
        worker.Add("orders-outbox");
        worker.Script("GET /connectors/orders-outbox/status", (404, FakeConnectWorker.Error(404, "No status found for connector orders-outbox")));

        var (exitCode, output) = await Run("wait", "orders-outbox", "--interval", "10ms");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(worker.Count("GET /connectors/orders-outbox/status"), Is.EqualTo(2));
    }

    /// <summary>wait on a connector that has no config either exits 3.</summary>
    [Test]
    public async Task wait_on_an_unknown_connector_exits_3()
    {
        var (exitCode, output) = await Run("wait", "nope");

        Assert.That(exitCode, Is.EqualTo(3), output);
    }

    /// <summary>wait exits 1 at once when a task FAILED, printing the trace.</summary>
    [Test]
    public async Task wait_exits_1_immediately_with_the_trace_when_a_task_failed()
    {
        var connector = worker.Add("orders-outbox");
        connector.TaskState = "FAILED";
        connector.Trace = "org.apache.kafka.connect.errors.ConnectException: replication slot \"debezium\" is active\n\tat io.debezium...";

        var (exitCode, output) = await Run("wait", "orders-outbox");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("replication slot \"debezium\" is active"));
        Assert.That(worker.Count("GET /connectors/orders-outbox/status"), Is.EqualTo(1));
    }

    /// <summary>status --json lists every connector with its tasks; a FAILED one makes the exit code 1.</summary>
    [Test]
    public async Task status_json_lists_every_connector_and_fails_when_one_failed()
    {
        worker.Add("orders-outbox");
        worker.Add("payments-outbox").TaskState = "FAILED";

        var (exitCode, output) = await Run("status", "--json");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("\"name\": \"orders-outbox\"").And.Contain("\"state\": \"FAILED\""));
    }

    /// <summary>pause, resume and delete reach the worker; deleting an unknown connector exits 3.</summary>
    [Test]
    public async Task pause_resume_and_delete_change_the_connector_and_an_unknown_one_exits_3()
    {
        var connector = worker.Add("orders-outbox");

        Assert.That((await Run("pause", "orders-outbox")).ExitCode, Is.Zero);
        Assert.That(connector.State, Is.EqualTo("PAUSED"));
        Assert.That((await Run("resume", "orders-outbox")).ExitCode, Is.Zero);
        Assert.That(connector.State, Is.EqualTo("RUNNING"));
        Assert.That((await Run("delete", "orders-outbox")).ExitCode, Is.Zero);
        Assert.That(worker.Connectors, Is.Empty);
        Assert.That((await Run("delete", "orders-outbox")).ExitCode, Is.EqualTo(3));
    }

    /// <summary>Errors go to stderr, so a script reading --json from stdout never parses a message.</summary>
    [Test]
    public async Task errors_go_to_stderr_and_leave_stdout_empty()
    {
        var result = await Run("status", "nope", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Errors, Does.Contain("connector nope not found"));
        Assert.That(result.Output, Is.EqualTo(result.Errors));
    }

    /// <summary>Connect's 500 "Request timed out" exits 4 with a hint to check the worker.</summary>
    [Test]
    public async Task request_timed_out_exits_4_suggesting_to_check_the_worker()
    {
        worker.Add("orders-outbox");
        worker.Script("PUT /connectors/orders-outbox/stop", (500, FakeConnectWorker.Error(500, "Request timed out")));

        var (exitCode, output) = await Run("stop", "orders-outbox");

        Assert.That(exitCode, Is.EqualTo(4), output);
        Assert.That(output, Does.Contain("Request timed out").And.Contain("check the worker"));
    }
}
