using System.Data.Common;
using System.Net.Http.Json;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Api.Cancellation;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Tests.Support;
using Platform.Contracts;
using Contract = Platform.Contracts.Orders.V1;

namespace Orders.Tests.Api;

/// <summary>
/// POST /orders/{id}/cancel. Covers: Placed -> Cancelled with OrderCancelled at sequence 2 in
/// the outbox; cancelling again or a confirmed order is 409; unknown is 404; malformed id and
/// bad reason are 400; a concurrent change (version bumped under us) is retried and wins. Does
/// not cover the saga calling Confirm/Cancel over Kafka.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class CancelOrderTests
{
    [Test]
    public async Task cancelling_a_placed_order_records_OrderCancelled_with_sequence_2()
    {
        await using var api = await OrdersApiScenario.StartAsync("cancel_placed");
        var order = await api.PlaceValidAsync();

        using var response = await api.Client.PostAsJsonAsync($"/orders/{order.Id}/cancel", new { reason = "changed my mind" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var cancelled = (await response.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json))!;
        Assert.Multiple(() =>
        {
            Assert.That(cancelled.Status, Is.EqualTo("Cancelled"));
            Assert.That(cancelled.Version, Is.EqualTo(2));
            Assert.That(cancelled.CancellationReason, Is.EqualTo("changed my mind"));
        });
        var events = await api.QueryAsync<string>("SELECT type || ':' || sequence FROM outbox ORDER BY sequence");
        Assert.That(events, Is.EqualTo(new[] { OrderEventTypes.OrderPlaced + ":1", OrderEventTypes.OrderCancelled + ":2" }));
        var payload = (await api.QueryAsync<byte[]>("SELECT payload FROM outbox WHERE sequence = 2")).Single();
        var contract = Contract.OrderCancelled.Parser.ParseFrom(payload);
        Assert.That((contract.OrderId, contract.Reason, contract.CancelledBy), Is.EqualTo((order.Id.ToString(), "changed my mind", "customer")));
    }

    [Test]
    public async Task cancelling_without_a_body_uses_the_default_reason_and_cancelling_again_is_a_409()
    {
        await using var api = await OrdersApiScenario.StartAsync("cancel_twice");
        var order = await api.PlaceValidAsync();

        using var first = await api.Client.PostAsync($"/orders/{order.Id}/cancel", null);
        using var again = await api.Client.PostAsync($"/orders/{order.Id}/cancel", null);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await first.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json))!.CancellationReason,
            Is.EqualTo(CancelOrderHandler.DefaultReason));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        await ProblemAssert.NamesFieldAsync(again, "status");
        Assert.That(await api.CountAsync("outbox"), Is.EqualTo(2));
    }

    [Test]
    public async Task a_confirmed_order_cannot_be_cancelled()
    {
        await using var api = await OrdersApiScenario.StartAsync("cancel_confirmed");
        var order = await api.PlaceValidAsync();
        await api.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<OrdersDbContext>();
            var tracked = await db.Orders.SingleAsync(o => o.Id == order.Id);
            tracked.Confirm(api.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        using var response = await api.Client.PostAsync($"/orders/{order.Id}/cancel", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        await ProblemAssert.NamesFieldAsync(response, "status");
        Assert.That(await api.QueryAsync<string>("SELECT type || ':' || sequence FROM outbox ORDER BY sequence"),
            Is.EqualTo(new[] { "OrderPlaced:1", "OrderConfirmed:2" }));
    }

    [TestCase("0197aaaa-0000-7000-8000-000000000000", HttpStatusCode.NotFound, "id", TestName = "cancelling_an_unknown_order_is_a_404")]
    [TestCase("not-a-uuid", HttpStatusCode.BadRequest, "id", TestName = "cancelling_a_malformed_id_is_a_400_naming_id")]
    public async Task cancelling_what_is_not_an_order_names_the_id(string id, HttpStatusCode status, string field)
    {
        await using var api = await OrdersApiScenario.StartAsync("cancel_unknown");

        using var response = await api.Client.PostAsync($"/orders/{id}/cancel", null);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [Test]
    public async Task an_empty_reason_is_a_400_naming_reason_and_changes_nothing()
    {
        await using var api = await OrdersApiScenario.StartAsync("cancel_reason");
        var order = await api.PlaceValidAsync();

        using var response = await api.Client.PostAsJsonAsync($"/orders/{order.Id}/cancel", new { reason = "" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await ProblemAssert.NamesFieldAsync(response, "reason");
        Assert.That(await api.QueryAsync<string>("SELECT status FROM orders"), Is.EqualTo(new[] { "Placed" }));
    }

    [Test]
    public async Task a_concurrent_change_is_retried_from_a_fresh_read_and_the_cancel_wins()
    {
        var interference = new ChangeVersionBeforeFirstUpdate();
        await using var api = await OrdersApiScenario.StartAsync("cancel_conflict", services: s => s.AddSingleton<IInterceptor>(interference));
        interference.ConnectionString = api.Database.ConnectionString;
        var order = await api.PlaceValidAsync();

        using var response = await api.Client.PostAsync($"/orders/{order.Id}/cancel", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(interference.Interfered, Is.True);
            Assert.That((await response.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json))!.Version, Is.EqualTo(3));
            Assert.That(await api.QueryAsync<string>("SELECT type || ':' || sequence FROM outbox ORDER BY sequence"),
                Is.EqualTo(new[] { "OrderPlaced:1", "OrderCancelled:3" }), "the losing attempt's outbox row was not written");
        });
    }

    // Plays "another writer": just before the first UPDATE of an order, bumps its version on
    // another connection, so the UPDATE ... WHERE version = @original matches nothing.
    private sealed class ChangeVersionBeforeFirstUpdate : DbCommandInterceptor
    {
        public string ConnectionString { get; set; } = "";

        public bool Interfered { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (!Interfered && command.CommandText.Contains("UPDATE orders", StringComparison.Ordinal))
            {
                Interfered = true;
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var bump = new NpgsqlCommand("UPDATE orders SET version = version + 1", connection);
                await bump.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }
    }
}
