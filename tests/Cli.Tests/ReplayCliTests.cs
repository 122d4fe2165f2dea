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

    private static Task<(int ExitCode, string Output)> InvokeAsync(params string[] args) =>
        CliInvocation.InvokeAsync([ReplayCommand.Create(ConsumerCatalog.None), DlqCommand.Create(ConsumerCatalog.None)], args);
}
