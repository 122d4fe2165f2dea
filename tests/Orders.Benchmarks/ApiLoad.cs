using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Orders.Api;
using Orders.Api.Security;
using Platform.Local;

namespace Orders.Benchmarks;

/// <summary>Result of one API load round.</summary>
internal sealed record ApiLoadResult(double OrdersPerSecond, double P50Milliseconds, double P99Milliseconds, long Errors, double CpuMillisecondsPerOrder);

/// <summary>
/// Hosts the Orders API on Kestrel (127.0.0.1, a free port, Production, logging at Warning,
/// DeleteAfterInsert) and drives <c>POST /orders</c> from C concurrent loops, each with a unique
/// Idempotency-Key per request, for a warm-up and then the measured time.
/// </summary>
internal static class ApiLoad
{
    private static readonly string LoadKey = ApiKeys.New();

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""
        {"customerId":"customer-1","currency":"EUR","lines":[{"sku":"SKU-1","quantity":2,"unitPrice":12.50},{"sku":"SKU-2","quantity":1,"unitPrice":5.00}]}
        """);

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<ApiLoadResult> RunAsync(string connectionString, int clients, int seconds, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = OrdersApi.CreateBuilder(["--environment", "Production"]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = connectionString,
            ["Outbox:CleanupMode"] = "DeleteAfterInsert",
            ["Logging:LogLevel:Default"] = "Warning",
            // The API alone is measured: no saga or read model consumers.
            ["Consumers:orders-saga:Enabled"] = "false",
            ["Consumers:orders-read-model:Enabled"] = "false",
            ["Auth:ApiKeys:load"] = ApiKeys.Hash(LoadKey),
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = OrdersApi.Build(builder);
        await app.StartAsync(cancellationToken);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            };
            http.DefaultRequestHeaders.Add(ApiKeys.Header, LoadKey);
            await DriveAsync(http, clients, TimeSpan.FromSeconds(Math.Min(3, seconds)), cancellationToken); // warm-up: JIT, pools
            return await DriveAsync(http, clients, TimeSpan.FromSeconds(seconds), cancellationToken);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<ApiLoadResult> DriveAsync(HttpClient http, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(_ => Task.Run(() => LoopAsync(http, clock, duration, cancellationToken), cancellationToken));
        var results = await Task.WhenAll(loops);
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var completed = latencies.Length;
        // API and load generator together: what this process spends per order.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new ApiLoadResult(
            completed / duration.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            results.Sum(r => r.Errors),
            completed == 0 ? double.NaN : cpu.TotalMilliseconds / completed);
    }

    private static async Task<(List<double> Latencies, long Errors)> LoopAsync(HttpClient http, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(16_384);
        long errors = 0;
        while (clock.Elapsed < duration)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new ByteArrayContent(Body) };
            request.Content.Headers.ContentType = Json;
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var started = clock.Elapsed;
            using var response = await http.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var finished = clock.Elapsed;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                errors++;
            }
            else if (finished <= duration)
            {
                latencies.Add((finished - started).TotalMilliseconds);
            }
        }

        return (latencies, errors);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
