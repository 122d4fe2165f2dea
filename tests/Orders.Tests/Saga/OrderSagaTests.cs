using System.Globalization;
using System.Text.Json;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Domain;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Api.Placement;
using Orders.Api.Saga;
using Orders.Tests.Support;
using Platform.Contracts.Payments.V1;
using Platform.Contracts;
using Platform.Messaging.Consuming;

namespace Orders.Tests.Saga;

/// <summary>
/// The saga's handling of a result whose order it cannot find, through the consumer's real
/// pipeline (inbox, retries, dead-letter topic) on real PostgreSQL. A result can reach the saga
/// a moment before the order's commit is visible to it: that is a retry, not bad input. A result
/// for an order that never appears is parked after the attempts.
/// </summary>
[NonParallelizable]
public class OrderSagaTests
{
    private const int MaxAttempts = 10;
    private const string Retries = "consumer.retries";

    [Test]
    public async Task a_payment_result_that_arrives_before_its_order_is_visible_is_retried_and_applied_once_the_order_commits()
    {
        await using var api = await StartAsync("saga_order_not_visible_yet");
        using var meter = new MeterTotals(ConsumerMetrics.MeterName, "consumer", OrdersConsumers.Saga);
        var pipeline = api.Factory.Services.GetRequiredKeyedService<IEventPipeline>(OrdersConsumers.Saga);
        var orderId = Guid.CreateVersion7();

        var delivery = pipeline.DeliverAsync(PaymentAuthorizedRecord(orderId, offset: 0), force: false, CancellationToken.None);
        await Eventually.WaitAsync(() => Task.FromResult(meter.Total(Retries) > 0 || delivery.IsCompleted), "the saga to retry the result of an order it cannot see");
        Assert.That(delivery.IsCompleted, Is.False, "the result was retried, not parked or applied, while its order did not exist");

        await api.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<OrdersDbContext>();
            var request = JsonSerializer.Deserialize(OrderRequests.Valid(), OrdersJsonContext.Default.PlaceOrderRequest)!;
            db.Orders.Add(PlaceOrderMapping.ToOrder(request, TestClients.Default, orderId, api.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        Assert.That(await delivery, Is.EqualTo(RecordOutcome.Processed));
        await api.WithScopeAsync(async services =>
        {
            var order = await services.GetRequiredService<OrdersDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
            Assert.That(order.Payment, Is.EqualTo(PaymentOutcome.Authorized));
        });
    }

    [Test]
    public async Task a_payment_result_for_an_order_that_never_appears_is_parked_after_every_attempt()
    {
        await using var api = await StartAsync("saga_order_never_appears");
        using var meter = new MeterTotals(ConsumerMetrics.MeterName, "consumer", OrdersConsumers.Saga);
        var pipeline = api.Factory.Services.GetRequiredKeyedService<IEventPipeline>(OrdersConsumers.Saga);

        var outcome = await pipeline.DeliverAsync(PaymentAuthorizedRecord(Guid.CreateVersion7(), offset: 0), force: false, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(RecordOutcome.DeadLettered));
        Assert.That(meter.Total(Retries), Is.EqualTo(MaxAttempts - 1), "every attempt but the last was retried");
        Assert.That(await api.CountAsync("orders"), Is.Zero);
    }

    /// <summary>The API with the saga's pipeline wired to Kafka (for its dead-letter topic), quick retries, and no live group member.</summary>
    private static Task<OrdersApiScenario> StartAsync(string purpose) => OrdersApiScenario.StartAsync(purpose, settings: new Dictionary<string, string?>
    {
        ["Kafka:BootstrapServers"] = TestKafka.BootstrapServers,
        [$"Consumers:{OrdersConsumers.Saga}:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
        [$"Consumers:{OrdersConsumers.Saga}:RetryDelay"] = "00:00:00.020",
        [$"Consumers:{OrdersConsumers.Saga}:MaxRetryDelay"] = "00:00:01",
    });

    /// <summary>A PaymentAuthorized record as the Payments relay writes it (key = order id, headers id/eventType/sequence).</summary>
    private static ConsumeResult<byte[]?, byte[]?> PaymentAuthorizedRecord(Guid orderId, long offset)
    {
        var message = new PaymentAuthorized { OrderId = orderId.ToString(), CustomerId = "customer-1", Currency = "EUR" };
        return new ConsumeResult<byte[]?, byte[]?>
        {
            Topic = Topics.PaymentEvents,
            Partition = new Partition(0),
            Offset = new Offset(offset),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes(orderId.ToString()),
                Value = message.ToByteArray(),
                Timestamp = new Timestamp(DateTime.UtcNow),
                Headers = new Headers
                {
                    { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
                    { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(PaymentEventTypes.PaymentAuthorized) },
                    { OutboxHeaders.Sequence, "1"u8.ToArray() },
                },
            },
        };
    }
}
