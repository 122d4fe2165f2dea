using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// Per-client rate limits. Covers: a burst over a client's own limit
/// (<c>RateLimits:Clients:{client}</c>) gets 429 with Retry-After and problem details naming that
/// limit, and a refused POST writes nothing; a client without a section of its own gets the
/// default limit (<c>RateLimits:Default</c>), named the same way; one client's exhausted budget
/// leaves the others' untouched; the read model endpoints are limited too. Buckets refill once an
/// hour here, so nothing refills during a test and nothing sleeps. Bad settings refusing start:
/// HostingTests.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class RateLimitTests
{
    [Test]
    public async Task a_burst_over_the_clients_limit_gets_429_with_retry_after_naming_the_limit_and_writes_nothing()
    {
        await using var api = await OrdersApiScenario.StartAsync("rate_limit_burst", settings: HourlyBucket("RateLimits:Clients:alice", 3));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await api.PlaceAsync(OrderRequests.Valid(), $"key-{i}", "alice"));
        }

        using var bob = await api.PlaceAsync(OrderRequests.Valid(), "key-0", "bob");

        Assert.That(answers.Select(a => a.StatusCode), Is.EqualTo(new[]
        {
            HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests,
        }));
        foreach (var refused in answers.Skip(3))
        {
            await AssertLimitedAsync(refused, "RateLimits:Clients:alice", "'alice'");
        }

        Assert.That(bob.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another client's budget is its own");
        Assert.That(await api.QueryAsync<string>("SELECT key FROM idempotency_keys WHERE client_id = 'alice' ORDER BY key"),
            Is.EqualTo(new[] { "key-0", "key-1", "key-2" }), "the refused requests placed nothing");
        Assert.That(await api.CountAsync("orders"), Is.EqualTo(4));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Test]
    public async Task a_client_without_its_own_limit_gets_the_default_one_on_every_endpoint_and_the_others_are_unaffected()
    {
        var settings = HourlyBucket("RateLimits:Default", 4);
        settings["RateLimits:Clients:bob:TokenLimit"] = "100";
        await using var api = await OrdersApiScenario.StartAsync("rate_limit_default", settings: settings);
        var order = await api.PlaceValidAsync(client: "alice");

        // alice has 3 requests left: one on each read endpoint, then nothing.
        using var read = await api.SendAsync("GET", $"/orders/{order.Id}", "alice");
        using var timeline = await api.SendAsync("GET", $"/orders/{order.Id}/timeline", "alice");
        using var list = await api.SendAsync("GET", "/orders", "alice");
        using var cancel = await api.SendAsync("POST", $"/orders/{order.Id}/cancel", "alice", """{"reason":"too late"}""");
        using var timelineAgain = await api.SendAsync("GET", $"/orders/{order.Id}/timeline", "alice");
        using var stats = await api.SendAsync("GET", "/stats", TestClients.Operator);
        using var bob = await api.SendAsync("GET", "/orders", "bob");

        Assert.Multiple(() =>
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(timeline.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no events yet: answered, not limited");
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(timelineAgain.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(stats.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the operator has a bucket of its own");
            Assert.That(bob.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        await AssertLimitedAsync(cancel, "RateLimits:Default", "'alice'");
        await AssertLimitedAsync(timelineAgain, "RateLimits:Default", "'alice'");
        Assert.That(await api.QueryAsync<string>("SELECT status FROM orders"), Is.EqualTo(new[] { "Placed" }), "the refused cancel changed nothing");
    }

    /// <summary>A bucket of <paramref name="tokens"/> under <paramref name="section"/> that refills one token an hour: nothing refills during a test.</summary>
    private static Dictionary<string, string?> HourlyBucket(string section, int tokens) => new()
    {
        [$"{section}:TokenLimit"] = tokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{section}:TokensPerPeriod"] = "1",
        [$"{section}:ReplenishmentPeriod"] = "01:00:00",
    };

    private static async Task AssertLimitedAsync(HttpResponseMessage response, string limit, string client)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.That(retryAfter, Is.Not.Null, "Retry-After in seconds");
        Assert.That(retryAfter!.Value, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        var problem = await ProblemAssert.NamesFieldAsync(response, limit);
        Assert.That(problem.Type, Is.EqualTo("https://www.rfc-editor.org/rfc/rfc6585#section-4"));
        Assert.That(problem.Errors[limit][0], Does.Contain(client).And.Contain("retry after"));
    }
}
