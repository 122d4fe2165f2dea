using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orders.Api.Http;
using Orders.Tests.Support;
using Platform.Contracts;
using Platform.Persistence.Outbox;
using Contract = Platform.Contracts.Orders.V1;

namespace Orders.Tests.Api;

/// <summary>
/// POST /orders writes the order, its OrderPlaced outbox row and the idempotency key row in one
/// transaction. Covers: the 201 response and its Location, the lines' jsonb shape, the outbox
/// row's columns and protobuf payload, one transaction id for all rows (xmin, Retain mode),
/// nothing left behind when a failure is injected after the order INSERT, and the table staying
/// empty in DeleteAfterInsert mode. Does not cover the relay reading the WAL.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PlaceOrderTests
{
    [Test]
    public async Task a_placed_order_is_created_with_its_location_and_can_be_read_back()
    {
        await using var api = await OrdersApiScenario.StartAsync("place_created");

        using var response = await api.PlaceAsync(OrderRequests.Valid(), "key-1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var order = (await response.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json))!;
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/orders/" + order.Id));
            Assert.That(order.Status, Is.EqualTo("Placed"));
            Assert.That(order.Total, Is.EqualTo(30.00m));
            Assert.That(order.Version, Is.EqualTo(1));
            Assert.That(order.PlacedAt, Is.EqualTo(api.Clock.GetUtcNow()));
        });
        var read = await api.Client.GetFromJsonAsync<OrderResponse>(response.Headers.Location, OrdersApiScenario.Json);
        Assert.That(read, Is.EqualTo(order).Using<OrderResponse>((a, b) =>
            a.Id == b.Id && a.Total == b.Total && a.PlacedAt == b.PlacedAt && a.Lines.SequenceEqual(b.Lines) && a.Version == b.Version));
    }

    [Test]
    public async Task the_order_placed_event_is_an_outbox_row_with_sequence_1_and_a_protobuf_payload()
    {
        await using var api = await OrdersApiScenario.StartAsync("place_outbox");

        var order = await api.PlaceValidAsync();

        var rows = await api.QueryAsync<string[]>("""
            SELECT ARRAY[aggregatetype, aggregateid, type, sequence::text] FROM outbox
            """);
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Is.EqualTo(new[] { AggregateTypes.Order, order.Id.ToString(), OrderEventTypes.OrderPlaced, "1" }));
        var payload = (await api.QueryAsync<byte[]>("SELECT payload FROM outbox")).Single();
        var placed = Contract.OrderPlaced.Parser.ParseFrom(payload);
        Assert.Multiple(() =>
        {
            Assert.That(placed.OrderId, Is.EqualTo(order.Id.ToString()));
            Assert.That(placed.CustomerId, Is.EqualTo("customer-1"));
            Assert.That(placed.Lines, Has.Count.EqualTo(2));
            Assert.That(placed.Total.Units, Is.EqualTo(30));
        });
    }

    [Test]
    public async Task the_lines_are_stored_as_a_jsonb_array_of_sku_quantity_and_unit_price()
    {
        await using var api = await OrdersApiScenario.StartAsync("place_lines_json");

        await api.PlaceValidAsync();

        // The column's shape is a storage contract: rows written by any earlier version must read back.
        var stored = await api.QueryAsync<string>("SELECT lines::text FROM orders");
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(stored[0]), JsonNode.Parse("""
            [{"sku": "SKU-1", "quantity": 2, "unitPrice": 12.50}, {"sku": "SKU-2", "quantity": 1, "unitPrice": 5}]
            """)), Is.True, stored[0]);
    }

    [Test]
    public async Task the_order_its_outbox_row_and_its_key_row_commit_in_one_transaction()
    {
        await using var api = await OrdersApiScenario.StartAsync("place_xmin");

        await api.PlaceValidAsync();

        // Also proves that EF Core sent the three INSERTs as one batch: without BEGIN, separate
        // batches would each commit on their own, with transaction ids of their own.
        var transactionIds = await api.QueryAsync<string>("""
            SELECT xmin::text FROM orders UNION ALL SELECT xmin::text FROM outbox UNION ALL SELECT xmin::text FROM idempotency_keys
            """);
        Assert.That(transactionIds, Has.Count.EqualTo(3));
        Assert.That(transactionIds.Distinct().Count(), Is.EqualTo(1), string.Join(", ", transactionIds));
    }

    [Test]
    public async Task a_failure_after_the_order_insert_leaves_neither_the_order_nor_the_outbox_row()
    {
        var failure = new FailAfterOrderInsert();
        await using var api = await OrdersApiScenario.StartAsync("place_atomic", services: s => s.AddSingleton<IInterceptor>(failure));

        using var response = await api.PlaceAsync(OrderRequests.Valid(), "key-1");

        Assert.Multiple(async () =>
        {
            Assert.That(failure.Failures, Is.EqualTo(1));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            await api.AssertNothingWrittenAsync();
        });
    }

    [Test]
    public async Task in_delete_after_insert_mode_the_order_is_kept_and_the_outbox_table_stays_empty()
    {
        await using var api = await OrdersApiScenario.StartAsync("place_delete_mode", OutboxCleanupMode.DeleteAfterInsert);

        await api.PlaceValidAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await api.CountAsync("orders"), Is.EqualTo(1));
            Assert.That(await api.CountAsync("outbox"), Is.Zero);
        });
    }
}
