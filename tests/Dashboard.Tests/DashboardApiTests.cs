using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts;

namespace Dashboard.Tests;

/// <summary>
/// The dashboard's JSON API on a running platform: the snapshot's figures and the redrive
/// endpoint's refusals (problem details naming the field). A successful redrive is covered by
/// <see cref="DashboardBrowserTests"/>, through the page's button.
/// </summary>
public sealed class DashboardApiTests : DashboardFixture
{
    /// <summary>After an order, the snapshot shows it by status, the order topic's offsets, this platform's three slots and the consumers' committed positions.</summary>
    [Test]
    public async Task Snapshot_reports_orders_topics_slots_and_consumer_lag()
    {
        await Platform.PlaceAsync("snapshot", ("SKU-1", 1, 10m));

        JsonElement snapshot = default;
        await Eventually.WaitAsync(async () =>
        {
            snapshot = await GetSnapshotAsync();
            return snapshot.GetProperty("orders").ValueKind == JsonValueKind.Object
                   && snapshot.GetProperty("orders").GetProperty("total").GetInt64() >= 1
                   && snapshot.GetProperty("consumers").EnumerateArray().Any(c => c.GetProperty("group").GetString() == "payments");
        }, "the snapshot to show the order and the payments group's committed offsets", TimeSpan.FromSeconds(60));

        var topics = snapshot.GetProperty("topics").EnumerateArray().ToDictionary(t => t.GetProperty("topic").GetString()!, t => t.GetProperty("endOffset").GetInt64());
        var slots = snapshot.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("slot").GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.GetProperty("errors").GetArrayLength(), Is.Zero, snapshot.GetProperty("errors").ToString());
            Assert.That(topics.Keys, Is.EquivalentTo(new[] { Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents }));
            Assert.That(topics[Topics.OrderEvents], Is.GreaterThanOrEqualTo(1));
            Assert.That(slots, Has.Count.EqualTo(3).And.All.StartWith("outbox_relay_"), "only this platform's relay slots");
            Assert.That(snapshot.GetProperty("slots")[0].GetProperty("lagBytes").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(snapshot.GetProperty("deadLetters").GetProperty("byConsumer").EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { "orders-saga", "orders-read-model", "payments", "inventory", "notifications" }));
        });
    }

    [TestCase("""{"consumer":"nope","partition":0,"offset":0}""", HttpStatusCode.BadRequest, "consumer")]
    [TestCase("""{"partition":0,"offset":0}""", HttpStatusCode.BadRequest, "consumer")]
    [TestCase("""{"consumer":"payments","offset":0}""", HttpStatusCode.BadRequest, "partition")]
    [TestCase("""{"consumer":"payments","partition":-1,"offset":0}""", HttpStatusCode.BadRequest, "partition")]
    [TestCase("""{"consumer":"payments","partition":0}""", HttpStatusCode.BadRequest, "offset")]
    [TestCase("""{"consumer":"payments","partition":0,"offset":"zero"}""", HttpStatusCode.BadRequest, "offset")]
    [TestCase("""{"consumer":"payments","partition":0,"offset":1""", HttpStatusCode.BadRequest, "offset")]
    [TestCase("null", HttpStatusCode.BadRequest, "body")]
    [TestCase("""{"consumer":"payments","partition":0,"offset":5}""", HttpStatusCode.NotFound, "partition")]
    public async Task Redrive_refuses_bad_input_with_problem_details_naming_the_field(string body, HttpStatusCode status, string field)
    {
        using var response = await PostRedriveAsync(body, "application/json", Platform.OperatorKey);
        await AssertProblemAsync(response, status, field);
    }

    [Test]
    public async Task Redrive_requires_the_operator_key_and_json()
    {
        const string body = """{"consumer":"payments","partition":0,"offset":0}""";
        using (var none = await PostRedriveAsync(body, "application/json", null))
        {
            await AssertProblemAsync(none, HttpStatusCode.Unauthorized, "X-Api-Key");
        }

        using (var wrong = await PostRedriveAsync(body, "application/json", "not-the-key-0123456789"))
        {
            await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized, "X-Api-Key");
        }

        using (var client = await PostRedriveAsync(body, "application/json", Platform.ApiKey))
        {
            await AssertProblemAsync(client, HttpStatusCode.Unauthorized, "X-Api-Key");
        }

        using var text = await PostRedriveAsync(body, "text/plain", Platform.OperatorKey);
        await AssertProblemAsync(text, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    /// <summary>A request naming another host (as a DNS-rebinding page would) is refused; loopback names are served.</summary>
    [Test]
    public async Task Requests_for_a_host_other_than_loopback_are_refused()
    {
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot") { Headers = { Host = "attacker.example" } };
        using var refused = await Dashboard.SendAsync(foreign);
        using var local = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "localhost" } };
        using var served = await Dashboard.SendAsync(local);
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private async Task<JsonElement> GetSnapshotAsync() => await Dashboard.GetFromJsonAsync<JsonElement>("/api/snapshot");

    private async Task<HttpResponseMessage> PostRedriveAsync(string body, string contentType, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dead-letters/redrive") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return await Dashboard.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        using var problem = JsonDocument.Parse(text);
        Assert.That(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"problem names '{field}': {text}");
    }
}
