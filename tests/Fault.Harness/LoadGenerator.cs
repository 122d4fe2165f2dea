using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fault.Harness;

/// <summary>
/// Places orders at a steady rate against the Orders API, each with its own Idempotency-Key.
/// A connection error, timeout or 5xx is retried with the SAME key and body until the API
/// answers, so an order whose first attempt committed before a kill is never placed twice.
/// An order counts as accepted when the API answered 201 (placed) or 200 (the replayed answer
/// of an earlier attempt). Customers, skus and prices are seeded: some orders exceed the
/// customer's credit, some ask for the scarce sku. The customers drift with the run (order n is
/// placed by one of 60 customers from n / 70 on), so each places about 70 orders, a little more than
/// its credit covers: a long run keeps confirming most orders, as in its first minutes, instead
/// of declining nearly every order once the first 60 customers have used their credit.
/// </summary>
public sealed class LoadGenerator : IAsyncDisposable
{
    /// <summary>Customers placing orders at any one time.</summary>
    private const int Customers = 60;

    /// <summary>Orders after which the window of customers moves on by one.</summary>
    private const int CustomerDrift = 70;

    private readonly HttpClient _http;
    private readonly Random _random;
    private readonly double _ordersPerSecond;
    private readonly ConcurrentDictionary<Guid, DateTime> _accepted = new();
    private readonly ConcurrentBag<Task> _inFlight = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _attempts;
    private long _refused;

    /// <summary>Load against <paramref name="baseUrl"/> as the client with <paramref name="apiKey"/>.</summary>
    public LoadGenerator(string baseUrl, string apiKey, int seed, double ordersPerSecond)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Add(Orders.Api.Security.ApiKeys.Header, apiKey);
        _random = new Random(seed);
        _ordersPerSecond = ordersPerSecond;
    }

    /// <summary>Accepted orders and when the API accepted them (UTC).</summary>
    public IReadOnlyDictionary<Guid, DateTime> Accepted => _accepted;

    /// <summary>HTTP attempts, retries included.</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Orders the API refused with a 4xx other than a retryable one (must be 0: the load sends valid orders).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Starts placing orders.</summary>
    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>Ids of orders accepted at or after <paramref name="since"/>.</summary>
    public Guid[] AcceptedSince(DateTime since) => _accepted.Where(kv => kv.Value >= since).Select(kv => kv.Key).ToArray();

    /// <summary>Ids of orders accepted at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public Guid[] AcceptedBetween(DateTime from, DateTime to) => _accepted.Where(kv => kv.Value >= from && kv.Value < to).Select(kv => kv.Key).ToArray();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / _ordersPerSecond);
        var clock = Stopwatch.StartNew();
        for (long n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            // Open loop: the schedule does not slow down when the API does.
            var due = interval * n - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            _inFlight.Add(PlaceAsync(NextOrder(n), cancellationToken));
        }
    }

    private object NextOrder(long n)
    {
        lock (_random)
        {
            var lines = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => new
            {
                // One line in 40 asks for the scarce sku: once it runs out, those orders are rejected.
                sku = _random.Next(40) == 0 ? "SKU-9" : $"SKU-{_random.Next(1, 9)}",
                quantity = _random.Next(1, 4),
                unitPrice = Math.Round((decimal)_random.Next(500, 20_000) / 100, 2),
            }).ToList();
            return new { customerId = $"customer-{(n / CustomerDrift) + _random.Next(Customers)}", currency = "EUR", lines };
        }
    }

    private async Task PlaceAsync(object order, CancellationToken cancellationToken)
    {
        var key = Guid.NewGuid().ToString();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            Interlocked.Increment(ref _attempts);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(order) };
                request.Headers.Add("Idempotency-Key", key);
                // Not cancelled by the stop: an order already sent is seen through to its answer.
                using var response = await _http.SendAsync(request, CancellationToken.None);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                    _accepted.TryAdd(json.RootElement.GetProperty("id").GetGuid(), DateTime.UtcNow);
                    return;
                }

                if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.Conflict && response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    Interlocked.Increment(ref _refused);
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The API is down or was killed mid-request: retry with the same key.
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Stops placing new orders and waits until every order sent has its answer.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        await Task.WhenAll(_inFlight);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }
}
