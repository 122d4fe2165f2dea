using System.Net.Http.Json;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Api.Placement;
using Orders.Tests.Support;

namespace Orders.Tests.Api;

/// <summary>
/// Idempotency-Key on POST /orders. Covers: a replay gets the original status, body and Location
/// and places nothing; a body differing only in formatting is the same request; a different body
/// is 422; a key claimed by a transaction in flight is 409; N concurrent identical requests place
/// exactly one order (every answer 201 with that order or 409); keys are scoped per client; an
/// expired key is a new key and is purged. Does not cover a crash mid-request (the lock is
/// transaction-scoped, so there is no state to recover).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class IdempotencyTests
{
    [Test]
    public async Task a_retry_with_the_same_key_and_body_gets_the_original_response_and_places_nothing()
    {
        await using var api = await OrdersApiScenario.StartAsync("idem_replay");

        using var first = await api.PlaceAsync(OrderRequests.Valid(), "key-1");
        api.Clock.Advance(TimeSpan.FromMinutes(5));
        using var retry = await api.PlaceAsync(OrderRequests.Valid(), "key-1");

        Assert.Multiple(async () =>
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(retry.Headers.GetValues(StoredResponseResult.ReplayedHeader), Is.EqualTo(new[] { "true" }));
            Assert.That(await api.CountAsync("orders"), Is.EqualTo(1));
            Assert.That(await api.CountAsync("outbox"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task a_retry_differing_only_in_formatting_property_order_and_trailing_zeros_is_the_same_request()
    {
        await using var api = await OrdersApiScenario.StartAsync("idem_normalized");
        using var first = await api.PlaceAsync(OrderRequests.Valid(), "key-1");

        using var retry = await api.PlaceAsync("""
            { "lines": [ {"unitPrice": 12.5, "quantity": 2, "sku": "SKU-1"}, {"sku": "SKU-2", "unitPrice": 5.00, "quantity": 1} ],
              "currency": "EUR",   "customerId": "customer-1" }
            """, "\"key-1\"");

        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(await api.CountAsync("orders"), Is.EqualTo(1));
    }

    [Test]
    public async Task the_same_key_with_a_different_body_is_refused_with_422_and_places_nothing()
    {
        await using var api = await OrdersApiScenario.StartAsync("idem_mismatch");
        using var first = await api.PlaceAsync(OrderRequests.Valid(), "key-1");

        using var other = await api.PlaceAsync(OrderRequests.Valid(customerId: "customer-2"), "key-1");

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var problem = await ProblemAssert.NamesFieldAsync(other, "Idempotency-Key");
        Assert.That(problem.Status, Is.EqualTo(422));
        Assert.That(await api.CountAsync("orders"), Is.EqualTo(1));
    }

    [Test]
    public async Task concurrent_identical_requests_place_exactly_one_order_and_the_rest_replay_it_or_get_409()
    {
        const int Requests = 20;
        await using var api = await OrdersApiScenario.StartAsync("idem_concurrent");

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => api.PlaceAsync(OrderRequests.Valid(), "key-1")));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var bodies = await Task.WhenAll(created.Select(r => r.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json)));
        Assert.Multiple(async () =>
        {
            Assert.That(responses.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.Created, HttpStatusCode.Conflict));
            Assert.That(created, Is.Not.Empty);
            Assert.That(bodies.Select(b => b!.Id).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await api.CountAsync("orders"), Is.EqualTo(1));
            Assert.That(await api.CountAsync("outbox"), Is.EqualTo(1));
        });
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>
    /// Losing the race for a key is an answer (409, or the original response replayed), not an
    /// error of the service: nothing is logged at Error or above for it, EF Core's failed-save
    /// and failed-command lines included.
    /// </summary>
    [Test]
    public async Task a_lost_race_for_the_same_key_is_answered_without_an_error_log()
    {
        const int Requests = 20;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var api = await OrdersApiScenario.StartAsync("idem_race_log",
            services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new CapturingLoggerProvider(lines)));

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ => api.PlaceAsync(OrderRequests.Valid(), "key-1")));

        var losers = responses.Count(r => r.StatusCode == HttpStatusCode.Conflict || r.Headers.Contains(StoredResponseResult.ReplayedHeader));
        Assert.Multiple(() =>
        {
            Assert.That(losers, Is.GreaterThan(0), "the requests raced for the key");
            Assert.That(lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)), Is.Empty);
        });
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task a_request_whose_key_is_in_flight_in_another_transaction_is_refused_with_409_and_writes_nothing()
    {
        await using var api = await OrdersApiScenario.StartAsync("idem_in_flight");
        // The claim a first request's transaction holds until it commits.
        await using var first = await api.Database.OpenAsync();
        await using var transaction = await first.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", first, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = TestClients.Default + "\n" + "key-1" });
            await claim.ExecuteNonQueryAsync();
        }

        using var retry = await api.PlaceAsync(OrderRequests.Valid(), "key-1");

        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        await ProblemAssert.NamesFieldAsync(retry, "Idempotency-Key");
        await api.AssertNothingWrittenAsync();

        await transaction.RollbackAsync();
        using var later = await api.PlaceAsync(OrderRequests.Valid(), "key-1");
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the key is free once the first transaction ends");
    }

    [Test]
    public async Task keys_are_scoped_per_client_identity()
    {
        await using var api = await OrdersApiScenario.StartAsync("idem_scoped");

        using var alice = await api.PlaceAsync(OrderRequests.Valid(), "shared-key", client: "alice");
        using var bob = await api.PlaceAsync(OrderRequests.Valid(), "shared-key", client: "bob");

        var aliceOrder = await alice.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json);
        var bobOrder = await bob.Content.ReadFromJsonAsync<OrderResponse>(OrdersApiScenario.Json);
        Assert.Multiple(async () =>
        {
            Assert.That(alice.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(bob.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(bobOrder!.Id, Is.Not.EqualTo(aliceOrder!.Id));
            Assert.That(await api.CountAsync("orders"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task an_expired_key_is_a_new_key_and_expired_keys_are_purged()
    {
        await using var api = await OrdersApiScenario.StartAsync("idem_expiry", settings: new Dictionary<string, string?>
        {
            ["Idempotency:KeyLifetime"] = "01:00:00",
        });
        using var first = await api.PlaceAsync(OrderRequests.Valid(), "key-1");
        using var second = await api.PlaceAsync(OrderRequests.Valid(), "key-2");
        api.Clock.Advance(TimeSpan.FromMinutes(59));
        using var stillKnown = await api.PlaceAsync(OrderRequests.Valid(), "key-1");
        Assert.That(stillKnown.Headers.Contains(StoredResponseResult.ReplayedHeader), Is.True);

        api.Clock.Advance(TimeSpan.FromMinutes(1));
        using var afterExpiry = await api.PlaceAsync(OrderRequests.Valid(), "key-1");

        Assert.That(afterExpiry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(afterExpiry.Headers.Contains(StoredResponseResult.ReplayedHeader), Is.False);
        Assert.That(afterExpiry.Headers.Location, Is.Not.EqualTo(first.Headers.Location));
        Assert.That(await api.CountAsync("orders"), Is.EqualTo(3));

        var purge = api.Factory.Services.GetServices<IHostedService>().OfType<IdempotencyPurgeService>().Single();
        Assert.That(await purge.PurgeOnceAsync(CancellationToken.None), Is.EqualTo(1), "key-2 expired; key-1 was renewed");
        Assert.That(await api.QueryAsync<string>("SELECT key FROM idempotency_keys"), Is.EqualTo(new[] { "key-1" }));
    }

    [TestCase(null, TestName = "a_missing_key_is_refused_with_400")]
    [TestCase("", TestName = "an_empty_key_is_refused_with_400")]
    [TestCase("\"\"", TestName = "an_empty_quoted_key_is_refused_with_400")]
    [TestCase("256", TestName = "a_key_over_255_characters_is_refused_with_400")]
    public async Task an_invalid_key_is_refused_naming_the_header_and_writes_nothing(string? key)
    {
        await using var api = await OrdersApiScenario.StartAsync("idem_bad_key");

        using var response = await api.PlaceAsync(OrderRequests.Valid(), key == "256" ? new string('k', 256) : key);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await ProblemAssert.NamesFieldAsync(response, "Idempotency-Key");
        Assert.That(await api.CountAsync("orders") + await api.CountAsync("idempotency_keys"), Is.Zero);
    }
}
