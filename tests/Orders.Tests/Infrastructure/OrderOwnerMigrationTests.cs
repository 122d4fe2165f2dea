using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Orders.Api.Infrastructure;
using Orders.Api.Queries;
using Orders.Tests.Support;
using Platform.Persistence.Migrations;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// Migration <c>orders-0004-order-owner</c> on orders placed before it: an order whose
/// Idempotency-Key row is still there (its stored Location names the order) belongs to that
/// row's client; any other gets the unowned sentinel, which only operators see. Then the API
/// applies the access rules to them like to any order. Covers the rule and the column's state
/// afterwards (no default left); does not cover a large table's migration time.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class OrderOwnerMigrationTests
{
    private static readonly Guid ByAlice = Guid.Parse("0190c2a8-1c4e-7a11-8000-00000000000a");
    private static readonly Guid ByBob = Guid.Parse("0190c2a8-1c4e-7a11-8000-00000000000b");
    private static readonly Guid KeyPurged = Guid.Parse("0190c2a8-1c4e-7a11-8000-00000000000c");

    [Test]
    public async Task an_existing_order_gets_the_client_of_its_idempotency_key_else_the_owner_only_operators_see()
    {
        await using var api = await OrdersApiScenario.StartAsync("owner_migration");
        // The schema as it was before owners were recorded, with three orders placed then.
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(
            api.Database.ConnectionString, [.. OrdersMigrations.All.TakeWhile(m => m != OrdersMigrations.OrderOwner)], CancellationToken.None);
        foreach (var (id, hour) in new[] { (ByAlice, 10), (ByBob, 11), (KeyPurged, 9) })
        {
            await api.ExecuteAsync("""
                INSERT INTO orders (id, customer_id, currency, status, total, lines, placed_at, version)
                VALUES ($1, 'customer-1', 'EUR', 'Placed', 1.00, $2::jsonb, $3, 1)
                """, id, """[{"sku":"SKU-1","quantity":1,"unitPrice":1.00}]""", new DateTimeOffset(2025, 5, 31, hour, 0, 0, TimeSpan.Zero));
        }

        await InsertKeyRowAsync(api, "alice", ByAlice);
        await InsertKeyRowAsync(api, "bob", ByBob);

        // The API's start applies orders-0004-order-owner.
        using var ready = await api.SendAsync("GET", "/health/ready", "alice");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.Multiple(async () =>
        {
            Assert.That(await api.QueryAsync<string>("SELECT id::text || ' ' || client_id FROM orders"), Is.EquivalentTo(new[]
            {
                $"{ByAlice} alice", $"{ByBob} bob", $"{KeyPurged} " + OrdersMigrations.UnownedClient,
            }));
            Assert.That(await api.QueryAsync<string>(
                "SELECT coalesce(column_default, 'none') || ' ' || is_nullable FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'client_id'"),
                Is.EqualTo(new[] { "none NO" }), "an order written without its owner fails");
            Assert.That(await ListAsync(api, "alice"), Is.EqualTo(new[] { ByAlice }));
            Assert.That(await ListAsync(api, "bob"), Is.EqualTo(new[] { ByBob }));
            Assert.That(await ListAsync(api, TestClients.Default), Is.Empty, "nobody's unowned order is anybody's");
            Assert.That(await ListAsync(api, TestClients.Operator), Is.EqualTo(new[] { ByBob, ByAlice, KeyPurged }));
        });
        using var clientRead = await api.SendAsync("GET", $"/orders/{KeyPurged}", "alice");
        using var operatorCancel = await api.SendAsync("POST", $"/orders/{KeyPurged}/cancel", TestClients.Operator, """{"reason":"unowned"}""");
        Assert.That(clientRead.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(operatorCancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), await operatorCancel.Content.ReadAsStringAsync());
    }

    /// <summary>The row the placement wrote with the order: the client, its key and the stored 201 whose Location names the order.</summary>
    private static Task<int> InsertKeyRowAsync(OrdersApiScenario api, string client, Guid order) => api.ExecuteAsync("""
        INSERT INTO idempotency_keys (client_id, key, request_hash, status_code, location, response_body, created_at, expires_at)
        VALUES ($1, $2, '\x00', 201, $3, '\x7b7d', '2025-05-31 12:00:00+00', '2025-06-01 12:00:00+00')
        """, client, "key-of-" + client, "/orders/" + order);

    private static async Task<Guid[]> ListAsync(OrdersApiScenario api, string client)
    {
        using var response = await api.SendAsync("GET", "/orders", client);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<OrderPageResponse>(OrdersApiScenario.Json))!.Items.Select(o => o.Id)];
    }
}
