using Platform.Operations.Commands;

namespace Cli.Tests;

/// <summary>The replay and dlq commands' refusals of consumer delivery, with their exit codes (in process; nothing is read).</summary>
public sealed class ReplayCliTests
{
    /// <summary>
    /// --force without --consumer, or --consumer with --to-topic, is bad input (2); a consumer no
    /// service registers is exit 4, for replay and for dlq redrive --into-consumer, and the
    /// message lists the known consumers; dlq redrive --partition with --into-consumer is bad input (2).
    /// </summary>
    [Test]
    public async Task Force_without_consumer_and_unknown_consumers_are_refused_with_their_exit_codes()
    {
        const string Servers = "127.0.0.1:1";
        var forceAlone = await InvokeAsync("replay", "--topic", "order.events", "--force", "--to-topic", "copy", "--yes", "--bootstrap-servers", Servers);
        var both = await InvokeAsync("replay", "--topic", "order.events", "--consumer", "payments", "--to-topic", "copy", "--bootstrap-servers", Servers);
        var unknown = await InvokeAsync("replay", "--topic", "order.events", "--consumer", "nope", "--bootstrap-servers", Servers);
        var unknownRedrive = await InvokeAsync("dlq", "redrive", "--consumer", "nope", "--into-consumer", "--yes", "--bootstrap-servers", Servers);
        var partitionIntoConsumer = await InvokeAsync("dlq", "redrive", "--consumer", "payments", "--partition", "0", "--into-consumer", "--yes", "--bootstrap-servers", Servers);

        Assert.Multiple(() =>
        {
            Assert.That(forceAlone.ExitCode, Is.EqualTo(2));
            Assert.That(forceAlone.Output, Does.Contain("--force"));
            Assert.That(both.ExitCode, Is.EqualTo(2));
            Assert.That(unknown.ExitCode, Is.EqualTo(4));
            Assert.That(unknown.Output, Does.Contain("orders-read-model").And.Contain("payments").And.Contain("notifications"));
            Assert.That(unknownRedrive.ExitCode, Is.EqualTo(4));
            Assert.That(partitionIntoConsumer.ExitCode, Is.EqualTo(2));
            Assert.That(partitionIntoConsumer.Output, Does.Contain("--partition"));
        });
    }

    /// <summary>
    /// The CLI references no service, so it cannot deliver into a consumer: it names the service
    /// whose binary runs the same command with that consumer's handlers and configuration (exit 2).
    /// </summary>
    [Test]
    public async Task Delivery_into_a_consumer_names_the_service_binary_that_runs_it()
    {
        var replay = await InvokeAsync("replay", "--topic", "order.events", "--consumer", "payments", "--bootstrap-servers", "127.0.0.1:1");
        var redrive = await InvokeAsync("dlq", "redrive", "--consumer", "orders-saga", "--into-consumer", "--yes", "--bootstrap-servers", "127.0.0.1:1");

        Assert.Multiple(() =>
        {
            Assert.That(replay.ExitCode, Is.EqualTo(2));
            Assert.That(replay.Output, Does.Contain("Payments.Worker"));
            Assert.That(redrive.ExitCode, Is.EqualTo(2));
            Assert.That(redrive.Output, Does.Contain("Orders.Api"));
        });
    }

    private static Task<(int ExitCode, string Output)> InvokeAsync(params string[] args) =>
        CliInvocation.InvokeAsync([ReplayCommand.Create(ConsumerCatalog.None), DlqCommand.Create(ConsumerCatalog.None)], args);
}
