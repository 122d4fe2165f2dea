using Platform.Operations.Commands;
using Services.Tests.Driving;

namespace Services.Tests;

/// <summary>
/// A worker's binary runs the consumer tools (<c>replay</c>, <c>dlq</c>) for its own consumer,
/// with its own registration and configuration (environment variables, as the service reads
/// them), and names the owning service of any other consumer. Covers the entry point's routing
/// and one delivery; the replay itself is Operations.Tests'.
/// </summary>
[NonParallelizable]
public class ConsumerToolsTests
{
    [Test]
    public async Task the_payments_binary_replays_recorded_order_events_into_its_own_consumer()
    {
        // The live member is off: the only delivery is the tool's.
        await using var world = await ServiceWorld.StartAsync(ServiceUnderTest.Payments, "tool_replay",
            new Dictionary<string, string?> { ["Consumers:payments:Enabled"] = "false" });
        var orderId = Guid.CreateVersion7();
        await world.PlaceAsync(OrderEvents.Placed(orderId, "alice", 10m, lines: ("SKU-1", 1)));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Payments"] = world.Database.ConnectionString,
            ["Payments__GroupId"] = world.Group,
            ["Payments__OrderEventsTopic"] = world.OrderTopic,
        };

        var exitCode = await WithEnvironmentAsync(environment, () => ConsumerTools.RunWorkerAsync(
            ["replay", "--topic", world.OrderTopic, "--consumer", ServiceUnderTest.Payments.ConsumerName, "--yes", "--bootstrap-servers", TestKafka.BootstrapServers],
            "payments", 0, ServiceUnderTest.Payments.ConsumerName, ServiceUnderTest.Payments.Register));

        var payments = await world.QueryAsync($"SELECT count(*) FROM payments WHERE order_id = '{orderId}'", r => r.GetInt64(0));
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(payments.Single(), Is.EqualTo(1), "the replayed OrderPlaced was applied once");
        });
    }

    [Test]
    public async Task a_worker_binary_names_the_service_that_runs_another_consumer()
    {
        var exitCode = await ConsumerTools.RunWorkerAsync(
            ["replay", "--topic", "order.events", "--consumer", "orders-saga", "--bootstrap-servers", "127.0.0.1:1"],
            "payments", 0, ServiceUnderTest.Payments.ConsumerName, ServiceUnderTest.Payments.Register);
        var (refused, output) = await CliInvocation.InvokeAsync(
            [ReplayCommand.Create(new ConsumerCatalog(new Dictionary<string, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration>>
            {
                [ServiceUnderTest.Payments.ConsumerName] = ServiceUnderTest.Payments.Register,
            }))],
            ["replay", "--topic", "order.events", "--consumer", "orders-saga", "--bootstrap-servers", "127.0.0.1:1"]);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(refused, Is.EqualTo(2));
            Assert.That(output, Does.Contain("Orders.Api"));
        });
    }

    private static async Task<int> WithEnvironmentAsync(Dictionary<string, string> variables, Func<Task<int>> run)
    {
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            return await run();
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
