using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orders.Api.Http;
using Orders.Api.Placement;
using Orders.Api.Queries;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// Object-level authorization (OWASP API1) on every endpoint, for the client that placed an
/// order, a second client and an operator. Covers: the placing client owns the order (operators
/// included); read, timeline and cancel of another client's order are the 404 of an order that
/// does not exist; lists and filters hold only the caller's orders; /stats is 403 for a client;
/// an operator reads, lists and cancels every order and reads /stats; a stored Idempotency-Key
/// response is never replayed to another client; a refused call changes nothing in the database.
/// Does not cover operators by JWT role or scope (AuthenticationTests) or rate limits (RateLimitTests).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class OrderAccessTests
{
    private const string Owner = "alice";
    private const string Other = "bob";
    private const string Operator = TestClients.Operator;
    private const string CancelBody = """{"reason":"changed my mind"}""";

    [Test]
    public async Task an_order_belongs_to_the_client_that_placed_it_an_operator_included()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_owner");

        var mine = await api.PlaceValidAsync(client: Owner);
        var theirs = await api.PlaceValidAsync(client: Other);
        var operators = await api.PlaceValidAsync(client: Operator);

        Assert.That(await api.QueryAsync<string>("SELECT id::text || ' ' || client_id FROM orders"), Is.EquivalentTo(new[]
        {
            $"{mine.Id} {Owner}", $"{theirs.Id} {Other}", $"{operators.Id} {Operator}",
        }));
    }

    [Test]
    public async Task reading_an_order_is_for_its_owner_and_operators_another_client_gets_the_404_of_an_unknown_order()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_read");
        var order = await api.PlaceValidAsync(client: Owner);
        var unknown = Guid.CreateVersion7();
        var before = await api.SnapshotAsync();

        using var owner = await api.SendAsync("GET", $"/orders/{order.Id}", Owner);
        using var @operator = await api.SendAsync("GET", $"/orders/{order.Id}", Operator);
        using var other = await api.SendAsync("GET", $"/orders/{order.Id}", Other);
        using var missing = await api.SendAsync("GET", $"/orders/{unknown}", Other);

        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(@operator.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await owner.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json))!.Id, Is.EqualTo(order.Id));
        Assert.That(await @operator.Content.ReadAsStringAsync(), Is.EqualTo(await owner.Content.ReadAsStringAsync()));
        await AssertSameNotFoundAsync(other, order.Id, missing, unknown);
        Assert.That(await api.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task lists_and_filters_hold_only_the_callers_orders_and_every_order_for_an_operator()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_list");
        var first = await api.PlaceValidAsync("customer-1", client: Owner);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await api.PlaceValidAsync("customer-2", client: Owner);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        var others = await api.PlaceValidAsync("customer-1", client: Other);
        var before = await api.SnapshotAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsAsync(api, Owner, ""), Is.EqualTo((2, new[] { second.Id, first.Id })));
            Assert.That(await IdsAsync(api, Owner, "?customerId=customer-1"), Is.EqualTo((1, new[] { first.Id })));
            Assert.That(await IdsAsync(api, Other, "?customerId=customer-1"), Is.EqualTo((1, new[] { others.Id })));
            Assert.That(await IdsAsync(api, Other, "?customerId=customer-2"), Is.EqualTo((0, Array.Empty<Guid>())));
            Assert.That(await IdsAsync(api, Other, "?status=Placed"), Is.EqualTo((1, new[] { others.Id })));
            Assert.That(await IdsAsync(api, Operator, ""), Is.EqualTo((3, new[] { others.Id, second.Id, first.Id })));
            Assert.That(await IdsAsync(api, Operator, "?customerId=customer-1"), Is.EqualTo((2, new[] { others.Id, first.Id })));
        });
        Assert.That(await api.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task the_timeline_is_for_the_owner_and_operators_another_client_gets_the_404_of_an_unknown_order()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_timeline");
        var order = await api.PlaceValidAsync(client: Owner);
        var unknown = Guid.CreateVersion7();
        // The read model's row, as its consumer (disabled here) writes it from the event.
        await api.ExecuteAsync("""
            INSERT INTO order_timeline (event_id, order_id, event_type, topic, sequence, occurred_at, summary)
            VALUES (gen_random_uuid(), $1, 'OrderPlaced', 'order.events', 1, now(), 'Placed')
            """, order.Id);
        var before = await api.SnapshotAsync();

        using var owner = await api.SendAsync("GET", $"/orders/{order.Id}/timeline", Owner);
        using var @operator = await api.SendAsync("GET", $"/orders/{order.Id}/timeline", Operator);
        using var other = await api.SendAsync("GET", $"/orders/{order.Id}/timeline", Other);
        using var missing = await api.SendAsync("GET", $"/orders/{unknown}/timeline", Other);

        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), await owner.Content.ReadAsStringAsync());
        Assert.That(@operator.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var timeline = JsonNode.Parse(await owner.Content.ReadAsStringAsync())!;
        Assert.That(timeline["entries"]!.AsArray().Select(e => e!["eventType"]!.GetValue<string>()), Is.EqualTo(new[] { "OrderPlaced" }));
        Assert.That(await @operator.Content.ReadAsStringAsync(), Is.EqualTo(await owner.Content.ReadAsStringAsync()));
        await AssertSameNotFoundAsync(other, order.Id, missing, unknown);
        Assert.That(await api.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task another_client_cannot_cancel_an_order_it_gets_the_404_of_an_unknown_order_and_nothing_changes()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_cancel");
        var order = await api.PlaceValidAsync(client: Owner);
        var unknown = Guid.CreateVersion7();
        var before = await api.SnapshotAsync();

        using var other = await api.SendAsync("POST", $"/orders/{order.Id}/cancel", Other, CancelBody);
        using var missing = await api.SendAsync("POST", $"/orders/{unknown}/cancel", Other, CancelBody);

        await AssertSameNotFoundAsync(other, order.Id, missing, unknown);
        Assert.That(await api.SnapshotAsync(), Is.EqualTo(before), "the order, its outbox and the keys are untouched");

        using var owner = await api.SendAsync("POST", $"/orders/{order.Id}/cancel", Owner, CancelBody);
        Assert.That(owner.StatusCode, Is.EqualTo(HttpStatusCode.OK), await owner.Content.ReadAsStringAsync());
        Assert.That((await owner.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json))!.Status, Is.EqualTo("Cancelled"));
        Assert.That(await api.QueryAsync<string>("SELECT status FROM orders"), Is.EqualTo(new[] { "Cancelled" }));
    }

    [Test]
    public async Task an_operator_cancels_the_order_of_any_client()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_operator_cancel");
        var order = await api.PlaceValidAsync(client: Owner);

        using var response = await api.SendAsync("POST", $"/orders/{order.Id}/cancel", Operator, CancelBody);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await api.QueryAsync<string>("SELECT status || ' ' || client_id FROM orders"), Is.EqualTo(new[] { $"Cancelled {Owner}" }),
            "cancelled, and still the client's order");
        Assert.That(await api.CountAsync("outbox"), Is.EqualTo(2), "OrderPlaced and OrderCancelled");
    }

    [Test]
    public async Task stats_are_for_operators_only_a_client_gets_403_naming_its_credential()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_stats");
        await api.PlaceValidAsync(client: Owner);
        var before = await api.SnapshotAsync();

        using var client = await api.SendAsync("GET", "/stats", Owner);
        using var @operator = await api.SendAsync("GET", "/stats", Operator);

        Assert.That(client.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var problem = await ProblemAssert.NamesFieldAsync(client, "X-Api-Key");
        Assert.That(problem.Errors["X-Api-Key"][0], Does.Contain("orders.operator"));
        Assert.That(@operator.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await @operator.Content.ReadAsStringAsync(), Is.EqualTo("{\"placed\":0,\"confirmed\":0,\"cancelled\":0,\"total\":0}"),
            "counted from events, and the read model consumer is off here");
        Assert.That(await api.SnapshotAsync(), Is.EqualTo(before));
    }

    /// <summary>
    /// Keys are scoped per client: the same key from another client, with the same body or
    /// another one, is a new request of that client (201, its own new order), never the first
    /// client's stored response (nor a 422 about it); the first client still gets its replay.
    /// </summary>
    [Test]
    public async Task a_stored_response_is_never_replayed_to_another_client_using_the_same_key()
    {
        await using var api = await OrdersApiScenario.StartAsync("access_replay");

        using var first = await api.PlaceAsync(OrderRequests.Valid(), "shared-key", Owner);
        using var sameBody = await api.PlaceAsync(OrderRequests.Valid(), "shared-key", Other);
        using var otherBody = await api.PlaceAsync(OrderRequests.Valid("customer-9"), "shared-key", Operator);
        using var replay = await api.PlaceAsync(OrderRequests.Valid(), "shared-key", Owner);

        var firstText = await first.Content.ReadAsStringAsync();
        var ids = new List<Guid>();
        foreach (var response in new[] { first, sameBody, otherBody })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            Assert.That(response.Headers.Contains(StoredResponseResult.ReplayedHeader), Is.False);
            ids.Add((await response.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json))!.Id);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(ids.Distinct().Count(), Is.EqualTo(3), "each client got an order of its own");
            Assert.That(await sameBody.Content.ReadAsStringAsync(), Is.Not.EqualTo(firstText));
            Assert.That(replay.Headers.GetValues(StoredResponseResult.ReplayedHeader), Is.EqualTo(new[] { "true" }));
            Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(firstText));
            Assert.That(await api.QueryAsync<string>("SELECT client_id FROM idempotency_keys ORDER BY client_id"), Is.EqualTo(new[] { Owner, Other, Operator }.Order(StringComparer.Ordinal)));
            Assert.That(await api.QueryAsync<string>("SELECT client_id FROM orders WHERE id = $1", ids[1]), Is.EqualTo(new[] { Other }));
        });
    }

    private static async Task<(long Total, Guid[] Ids)> IdsAsync(OrdersApiScenario api, string client, string query)
    {
        using var response = await api.SendAsync("GET", "/orders" + query, client);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var page = (await response.Content.ReadFromJsonAsync<OrderPageResponse>(OrdersApiScenario.Json))!;
        return (page.TotalCount, [.. page.Items.Select(o => o.Id)]);
    }

    /// <summary>A refusal for an existing order reads exactly as the answer for an order that does not exist.</summary>
    private static async Task AssertSameNotFoundAsync(HttpResponseMessage refused, Guid existing, HttpResponseMessage missing, Guid unknown)
    {
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await ProblemAssert.NamesFieldAsync(refused, "id");
        Assert.That(Normalized(await refused.Content.ReadAsStringAsync(), existing), Is.EqualTo(Normalized(await missing.Content.ReadAsStringAsync(), unknown)));
    }

    /// <summary>A problem body without its per-request trace id, with <paramref name="id"/> replaced by a placeholder.</summary>
    private static string Normalized(string body, Guid id)
    {
        var problem = JsonNode.Parse(body.Replace(id.ToString(), "{id}", StringComparison.Ordinal))!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }
}
