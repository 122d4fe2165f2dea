using System.Net;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// Bad input on the read model endpoints: a malformed order id is a 400 naming <c>id</c>, an order
/// with no recorded events a 404 problem, and <c>/stats</c> answers an operator before any event arrived.
/// The read model's content, built from events, is covered by the end-to-end tests.
/// </summary>
public class ReadModelEndpointTests
{
    [Test]
    public async Task the_timeline_rejects_a_malformed_id_naming_it_and_answers_404_for_an_order_without_events()
    {
        await using var api = await OrdersApiScenario.StartAsync("read_model_endpoints");

        using var malformed = await api.Client.GetAsync("/orders/not-a-uuid/timeline");
        using var unknown = await api.Client.GetAsync($"/orders/{Guid.NewGuid()}/timeline");
        using var stats = await api.SendAsync("GET", "/stats", TestClients.Operator);

        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await ProblemAssert.NamesFieldAsync(malformed, "id");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await stats.Content.ReadAsStringAsync(), Is.EqualTo("{\"placed\":0,\"confirmed\":0,\"cancelled\":0,\"total\":0}"));
    }
}
