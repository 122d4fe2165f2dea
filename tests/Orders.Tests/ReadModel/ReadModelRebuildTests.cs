using Orders.Api;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orders.Api.Infrastructure;
using Orders.Api.Saga;
using Platform.Contracts.Inventory.V1;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Payments.V1;
using Platform.Contracts;
using Platform.Operations.Commands;
using Platform.Operations.Replay;

namespace Orders.Tests.ReadModel;

/// <summary>Rebuilding the Orders read model from Kafka by replay into the real <c>orders-read-model</c> consumer.</summary>
public sealed class ReadModelRebuildTests
{
    /// <summary>
    /// The live orders-read-model consumer builds the read model from a stream of order, payment
    /// and inventory events (confirmed orders, declined payments with refunds, rejected stock with
    /// releases); the tables are snapshotted and emptied, then the three topics are replayed with
    /// --force into the pipeline the CLI's catalog builds from the Orders registration: the
    /// rebuilt timeline and counts equal the live ones. Uses the fixed topic names and group of
    /// the Orders consumers; does not cover a rebuild while live traffic continues.
    /// </summary>
    [Test]
    public async Task Rebuilding_the_read_model_by_replay_equals_the_live_read_model()
    {
        await using var database = await TestDatabase.CreateAsync("read_model_rebuild");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = database.ConnectionString,
            ["Kafka:BootstrapServers"] = TestKafka.BootstrapServers,
            [$"Consumers:{OrdersConsumers.Saga}:Enabled"] = "false",
            [$"Consumers:{OrdersConsumers.ReadModel}:SessionTimeoutMs"] = "6000",
        };
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOrdersInfrastructure();
        builder.Services.AddOrdersConsumers(builder.Configuration);
        using var live = builder.Build();
        // Produced first, so the topics exist when the group subscribes (no wait for a metadata refresh).
        var produced = await ProduceStreamAsync(orders: 12);
        await live.StartAsync();
        await Eventually.WaitAsync(async () => await TimelineCountAsync(database) == produced, $"the live read model to record {produced} events", TimeSpan.FromSeconds(60));
        await live.StopAsync();
        var liveModel = await SnapshotAsync(database);
        await ClearAsync(database);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var (services, pipeline) = OrdersApi.Consumers.Open(OrdersConsumers.ReadModel, configuration);
        ReplaySummary summary;
        await using (services)
        {
            // The topics are the Orders consumers' fixed ones: on a shared real cluster only this
            // run's records count. The mock cluster is this process's own, so it reads them all
            // (and skips the mock's slow timestamp search).
            var request = new ReplayRequest { Topics = [Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents], From = TestKafka.IsMock ? null : start };
            summary = await ConsumerReplay.RunAsync(TestKafka.BootstrapServers, request, pipeline, force: true, TimeProvider.System, null, CancellationToken.None);
        }

        var rebuilt = await SnapshotAsync(database);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Topics.Values.Sum(t => t.Applied), Is.EqualTo(produced));
            Assert.That(summary.Topics.Values.Sum(t => t.DeadLettered + t.UnknownType), Is.Zero);
            Assert.That(liveModel, Has.Count.GreaterThan(produced), "the live model has every event and the counts");
            Assert.That(rebuilt, Is.EqualTo(liveModel));
        });
    }

    /// <summary>Order i: payment declined when i % 4 == 1, stock rejected when i % 4 == 2, otherwise confirmed; compensations follow.</summary>
    private static async Task<int> ProduceStreamAsync(int orders)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = TestKafka.BootstrapServers,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        var sent = new List<Task>();
        Task Send(string topic, string key, string type, long sequence, IMessage message)
        {
            // Not awaited one by one: the idempotent producer keeps each partition's order.
            sent.Add(producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
            {
                Key = Encoding.UTF8.GetBytes(key),
                Value = message.ToByteArray(),
                Headers = new Headers
                {
                    { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
                    { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(type) },
                    { OutboxHeaders.Sequence, Encoding.UTF8.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)) },
                },
                Timestamp = new Confluent.Kafka.Timestamp(DateTimeOffset.UtcNow),
            }));
            return Task.CompletedTask;
        }

        var now = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow);
        for (var i = 0; i < orders; i++)
        {
            var order = Guid.CreateVersion7().ToString();
            var customer = $"customer-{i % 3}";
            var total = (10m + i).ToMoney();
            var placed = new OrderPlaced { OrderId = order, CustomerId = customer, Currency = "EUR", Total = total, PlacedAt = now };
            placed.Lines.Add(new OrderLine { Sku = $"sku-{i % 5}", Quantity = 1 + (i % 2), UnitPrice = total });
            await Send(Topics.OrderEvents, order, OrderEventTypes.OrderPlaced, 1, placed);
            var paid = i % 4 != 1;
            var reserved = i % 4 != 2;
            await Send(Topics.PaymentEvents, order, paid ? PaymentEventTypes.PaymentAuthorized : PaymentEventTypes.PaymentDeclined, 1, paid
                ? new PaymentAuthorized { OrderId = order, CustomerId = customer, Amount = total, Currency = "EUR", AuthorizedAt = now }
                : new PaymentDeclined { OrderId = order, CustomerId = customer, Amount = total, Currency = "EUR", Reason = "credit limit", DeclinedAt = now });
            var line = new ReservedLine { Sku = $"sku-{i % 5}", Quantity = 1 };
            var stock = new StockReserved { OrderId = order, CustomerId = customer, ReservedAt = now };
            stock.Lines.Add(line);
            await Send(Topics.InventoryEvents, order, reserved ? InventoryEventTypes.StockReserved : InventoryEventTypes.StockRejected, 1, reserved
                ? stock
                : new StockRejected { OrderId = order, CustomerId = customer, Reason = "out of stock", RejectedAt = now });
            if (paid && reserved)
            {
                await Send(Topics.OrderEvents, order, OrderEventTypes.OrderConfirmed, 2, new OrderConfirmed { OrderId = order, ConfirmedAt = now });
                continue;
            }

            await Send(Topics.OrderEvents, order, OrderEventTypes.OrderCancelled, 2,
                new OrderCancelled { OrderId = order, Reason = paid ? "stock rejected" : "payment declined", CancelledBy = "saga", CancelledAt = now });
            if (paid)
            {
                await Send(Topics.PaymentEvents, order, PaymentEventTypes.PaymentRefunded, 2,
                    new PaymentRefunded { OrderId = order, CustomerId = customer, Amount = total, Currency = "EUR", RefundedAt = now });
            }

            if (reserved)
            {
                var released = new StockReleased { OrderId = order, CustomerId = customer, ReleasedAt = now };
                released.Lines.Add(line);
                await Send(Topics.InventoryEvents, order, InventoryEventTypes.StockReleased, 2, released);
            }
        }

        await Task.WhenAll(sent);
        return sent.Count;
    }

    private static async Task<long> TimelineCountAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM order_timeline", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every timeline row and every status count, as text lines in a stable order.</summary>
    private static Task<List<string>> SnapshotAsync(TestDatabase database) => TestSql.QueryAsync(database.ConnectionString, """
        SELECT concat_ws('|', 'timeline', event_id, order_id, event_type, topic, sequence, occurred_at, summary) FROM order_timeline
        UNION ALL
        SELECT concat_ws('|', 'count', status, count) FROM order_status_counts
        ORDER BY 1
        """, r => r.GetString(0));

    private static async Task ClearAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM order_timeline; UPDATE order_status_counts SET count = 0", connection);
        await command.ExecuteNonQueryAsync();
    }
}
