using System.Net.Http.Json;
using System.Net;
using Orders.Api.Http;
using Orders.Api.Queries;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// GET /orders/{id} and GET /orders. Covers: 404 and malformed-id 400, paging (newest first,
/// totalCount, last partial page), filters by customer and status, and 400s naming a bad page,
/// pageSize or status. One API and database for the fixture, seeded once.
/// </summary>
public class QueryOrdersTests
{
    private OrdersApiScenario _api = null!;
    private List<OrderResponse> _alice = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _api = await OrdersApiScenario.StartAsync("query_orders");
        _alice = [];
        for (var i = 0; i < 5; i++)
        {
            _alice.Add(await _api.PlaceValidAsync("alice"));
            _api.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        for (var i = 0; i < 3; i++)
        {
            await _api.PlaceValidAsync("bob");
            _api.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var cancel = await _api.Client.PostAsync($"/orders/{_alice[1].Id}/cancel", null);
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task pages_run_newest_first_with_the_total_count()
    {
        var first = await PageAsync("?customerId=alice&pageSize=2");
        var last = await PageAsync("?customerId=alice&pageSize=2&page=3");

        Assert.Multiple(() =>
        {
            Assert.That(first.TotalCount, Is.EqualTo(5));
            Assert.That((first.Page, first.PageSize), Is.EqualTo((1, 2)));
            Assert.That(first.Items.Select(o => o.Id), Is.EqualTo(new[] { _alice[4].Id, _alice[3].Id }));
            Assert.That(last.Items.Select(o => o.Id), Is.EqualTo(new[] { _alice[0].Id }));
        });
    }

    [Test]
    public async Task the_default_page_holds_up_to_20_orders_of_every_customer()
    {
        var page = await PageAsync("");
        Assert.That((page.TotalCount, page.Items.Count, page.PageSize), Is.EqualTo((8L, 8, OrderQueries.DefaultPageSize)));
    }

    [Test]
    public async Task orders_filter_by_status_case_insensitively_and_by_customer()
    {
        var cancelled = await PageAsync("?status=cancelled");
        var placedForBob = await PageAsync("?status=Placed&customerId=bob");

        Assert.Multiple(() =>
        {
            Assert.That(cancelled.Items.Select(o => o.Id), Is.EqualTo(new[] { _alice[1].Id }));
            Assert.That(placedForBob.TotalCount, Is.EqualTo(3));
            Assert.That(placedForBob.Items.Select(o => o.CustomerId), Is.All.EqualTo("bob"));
        });
    }

    [TestCase("?status=Shipped", "status")]
    [TestCase("?status=1", "status")]
    [TestCase("?page=0", "page")]
    [TestCase("?page=x", "page")]
    [TestCase("?pageSize=0", "pageSize")]
    [TestCase("?pageSize=101", "pageSize")]
    public async Task a_bad_query_value_is_a_400_naming_it(string query, string field)
    {
        using var response = await _api.Client.GetAsync("/orders" + query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await ProblemAssert.NamesFieldAsync(response, field);
    }

    [TestCase("0197aaaa-0000-7000-8000-000000000000", HttpStatusCode.NotFound)]
    [TestCase("nope", HttpStatusCode.BadRequest)]
    public async Task reading_what_is_not_an_order_names_the_id(string id, HttpStatusCode status)
    {
        using var response = await _api.Client.GetAsync("/orders/" + id);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        await ProblemAssert.NamesFieldAsync(response, "id");
    }

    private async Task<OrderPageResponse> PageAsync(string query) =>
        (await _api.Client.GetFromJsonAsync<OrderPageResponse>("/orders" + query, OrdersApiScenario.Json))!;
}
