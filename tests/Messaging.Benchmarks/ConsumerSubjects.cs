using System.Globalization;
using Bench.Reporting;
using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Inventory.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Notifications.Worker;
using Npgsql;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;
using Orders.Api.Saga;
using Payments.Worker;
using Platform.Contracts;
using Platform.Messaging;
using Platform.Persistence.Inbox;
using Platform.Persistence.Migrations;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Inventory.V1;

namespace Messaging.Benchmarks;

/// <summary>
/// The consumers measured: each service's own registration (<c>AddPaymentsService</c>,
/// <c>AddInventoryService</c>, <c>AddNotificationsService</c>, the Orders saga from
/// <c>AddOrdersConsumers</c>) on its own database, plus the synthetic tally handler.
/// </summary>
internal static class ConsumerSubjects
{
    private const int Customers = 1_000;
    private const int Skus = 20;

    public static IReadOnlyList<string> Services { get; } = ["payments", "inventory", "notifications", "orders-saga"];

    public static ConsumerSubject Get(string name) => name switch
    {
        "tally" => Tally,
        "payments" => new ConsumerSubject(name, PaymentsServiceCollectionExtensions.ConsumerName, "payment decision: customer advisory lock, sum of authorized, insert payment + outbox row",
            (admin, kafka, batch) => ServiceHostAsync(admin, kafka, name, "Payments", batch, [],
                (s, c) => s.AddPaymentsService(c)),
            (_, events) => Task.FromResult(OrderPlacedRecords(events))),
        "inventory" => new ConsumerSubject(name, InventoryServiceCollectionExtensions.ConsumerName, $"stock reservation: lock {Skus} shared sku rows, insert reservation + outbox row",
            (admin, kafka, batch) => ServiceHostAsync(admin, kafka, name, "Inventory", batch,
                Enumerable.Range(1, Skus).ToDictionary(i => $"Inventory:SeedStock:{Sku(i)}", _ => (string?)"1000000000"),
                (s, c) => s.AddInventoryService(c)),
            (_, events) => Task.FromResult(OrderPlacedRecords(events))),
        "notifications" => new ConsumerSubject(name, NotificationsServiceCollectionExtensions.ConsumerName, "notification: look-up by event id, insert notification",
            (admin, kafka, batch) => ServiceHostAsync(admin, kafka, name, "Notifications", batch, [],
                (s, c) => s.AddNotificationsService(c)),
            (_, events) => Task.FromResult(OrderPlacedRecords(events))),
        "orders-saga" => new ConsumerSubject(name, OrdersConsumers.Saga, "saga step: lock the order row, record payment / stock, confirm (+ OrderConfirmed outbox row)",
            (admin, kafka, batch) => ServiceHostAsync(admin, kafka, name, "Orders", batch,
                new() { [$"Consumers:{OrdersConsumers.ReadModel}:Enabled"] = "false" },
                (s, c) => s.AddOrdersInfrastructure().AddOrdersConsumers(c)),
            SagaRecordsAsync),
        _ => throw new ArgumentException($"Unknown consumer '{name}'; use tally, {string.Join(", ", Services)} or all."),
    };

    /// <summary>One consumer group member with a read-modify-write handler on a counter row per aggregate.</summary>
    private static ConsumerSubject Tally { get; } = new("tally", "bench", "synthetic: read-modify-write of a counter row per aggregate",
        async (admin, kafka, batch) =>
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await BenchDatabase.CreateAsync(admin, ConsumerSubject.DatabaseOf("tally"))) { MaxAutoPrepare = 20, NoResetOnClose = true }.ConnectionString;
            await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(connectionString,
                [.. InboxMigrations.All, new Migration("tally-0001", "CREATE TABLE tally (aggregate text PRIMARY KEY, events bigint NOT NULL)")], CancellationToken.None);
            await using (var db = new NpgsqlConnection(connectionString))
            {
                await db.OpenAsync();
                await InboxPartitions.MaintainAsync(db, DateTime.UtcNow, TimeSpan.FromDays(30), 3, CancellationToken.None);
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddDbContextPool<TallyContext>(o => o.UseNpgsql(connectionString));
            builder.Services.AddEventConsumer<TallyContext>("bench", o =>
            {
                o.BootstrapServers = kafka;
                o.GroupId = "bench";
                o.MaxBatchSize = batch ?? 1;
                o.Topics.Add(Topics.OrderEvents);
            }, handlers => handlers.On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, async (db, placed, _, ct) =>
            {
                var tally = await db.Tallies.FindAsync([placed.OrderId], ct);
                if (tally is null)
                {
                    db.Tallies.Add(new Tally { Aggregate = placed.OrderId, Events = 1 });
                }
                else
                {
                    tally.Events++;
                }
            }));
            return builder.Build();
        },
        (_, events) => Task.FromResult<IReadOnlyList<TopicRecord>>([.. Enumerable.Range(0, events).Select(i =>
        {
            // 1,000 aggregates, each getting events 1, 2, 3...: the read-modify-write hits existing rows.
            var aggregate = "order-" + (i % Customers).ToString(CultureInfo.InvariantCulture);
            var placed = new OrderPlaced { OrderId = aggregate, CustomerId = "c", Currency = "EUR" };
            return Record(Topics.OrderEvents, aggregate, OrderEventTypes.OrderPlaced, placed, (i / Customers) + 1);
        })]));

    /// <summary>A host with a service's real registration, as <c>platform run</c> builds it, on a fresh database.</summary>
    private static async Task<IHost> ServiceHostAsync(
        string admin, string kafka, string consumer, string connectionName, int? batch, Dictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> add)
    {
        settings[$"ConnectionStrings:{connectionName}"] = await BenchDatabase.CreateAsync(admin, ConsumerSubject.DatabaseOf(consumer));
        settings["Kafka:BootstrapServers"] = kafka;
        settings["Logging:LogLevel:Default"] = "Warning";
        if (batch is { } size)
        {
            settings[$"Consumers:{consumer}:MaxBatchSize"] = size.ToString(CultureInfo.InvariantCulture);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Configuration.AddInMemoryCollection(settings);
        add(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>OrderPlaced for new orders: 1,000 customers, one line of one of 20 skus, 10 EUR.</summary>
    private static IReadOnlyList<TopicRecord> OrderPlacedRecords(int events) => [.. Enumerable.Range(0, events).Select(i =>
    {
        var orderId = Guid.NewGuid().ToString();
        var placed = new OrderPlaced
        {
            OrderId = orderId,
            CustomerId = Customer(i),
            Currency = "EUR",
            Total = 10m.ToMoney(),
            PlacedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
            Lines = { new Platform.Contracts.Orders.V1.OrderLine { Sku = Sku((i % Skus) + 1), Quantity = 1, UnitPrice = 10m.ToMoney() } },
        };
        return Record(Topics.OrderEvents, orderId, OrderEventTypes.OrderPlaced, placed, 1);
    })];

    /// <summary>Places events/2 orders through the Orders model (outbox rows included), then returns PaymentAuthorized and StockReserved for each.</summary>
    private static async Task<IReadOnlyList<TopicRecord>> SagaRecordsAsync(IHost host, int events)
    {
        var orders = events / 2;
        var ids = new List<Guid>(orders);
        for (var done = 0; done < orders; done += 500)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
            for (var i = done; i < Math.Min(orders, done + 500); i++)
            {
                var order = Order.Place(Guid.NewGuid(), "bench", Customer(i), "EUR", [new Orders.Api.Domain.OrderLine(Sku((i % Skus) + 1), 1, 10m)], DateTimeOffset.UtcNow);
                db.Add(order);
                ids.Add(order.Id);
            }

            await db.SaveChangesAsync();
        }

        var now = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow);
        return [.. ids.SelectMany((id, i) => new[]
        {
            Record(Topics.PaymentEvents, id.ToString(), PaymentEventTypes.PaymentAuthorized,
                new PaymentAuthorized { OrderId = id.ToString(), CustomerId = Customer(i), Amount = 10m.ToMoney(), Currency = "EUR", AuthorizedAt = now }, 1),
            Record(Topics.InventoryEvents, id.ToString(), InventoryEventTypes.StockReserved,
                new StockReserved { OrderId = id.ToString(), CustomerId = Customer(i), ReservedAt = now, Lines = { new ReservedLine { Sku = Sku((i % Skus) + 1), Quantity = 1 } } }, 1),
        })];
    }

    private static string Customer(int i) => "customer-" + (i % Customers).ToString(CultureInfo.InvariantCulture);

    private static string Sku(int i) => "SKU-" + i.ToString("000", CultureInfo.InvariantCulture);

    private static TopicRecord Record(string topic, string aggregateId, string eventType, IMessage payload, long sequence) =>
        new(topic, OutboxShapedRecord.Create(aggregateId, eventType, payload, sequence));
}
