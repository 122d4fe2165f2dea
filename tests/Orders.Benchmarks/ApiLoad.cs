using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text;
using Bench.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Orders.Api;
using Orders.Api.Security;
using Platform.Local;

namespace Orders.Benchmarks;

/// <summary>
/// Hosts the Orders API on Kestrel (127.0.0.1, a free port, Production, logging at Warning,
/// DeleteAfterInsert) and drives <c>POST /orders</c>, each request with a unique
/// Idempotency-Key: from C concurrent loops (closed loop) or at a fixed arrival rate (open loop).
/// </summary>
internal sealed class ApiLoad : IAsyncDisposable
{
    private static readonly string LoadKey = ApiKeys.New();

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""
        {"customerId":"customer-1","currency":"EUR","lines":[{"sku":"SKU-1","quantity":2,"unitPrice":12.50},{"sku":"SKU-2","quantity":1,"unitPrice":5.00}]}
        """);

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly string? _wrk;

    private ApiLoad(WebApplication app, HttpClient http, string? wrk)
    {
        _app = app;
        _http = http;
        _wrk = wrk;
    }

    /// <summary>
    /// Starts the API on <paramref name="connectionString"/> with a client of at most
    /// <paramref name="connections"/> connections; closed loops are driven by <paramref name="wrk"/>
    /// (the binary) when given.
    /// </summary>
    public static async Task<ApiLoad> StartAsync(string connectionString, int connections, string? wrk, CancellationToken cancellationToken)
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
            // The per-client limiter runs (its cost is part of the figure) but never refuses the load.
            ["RateLimits:Clients:load:TokenLimit"] = "1000000",
            ["RateLimits:Clients:load:TokensPerPeriod"] = "1000000",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = OrdersApi.Build(builder);
        await app.StartAsync(cancellationToken);
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Add(ApiKeys.Header, LoadKey);
        return new ApiLoad(app, http, wrk);
    }

    /// <summary>
    /// C loops, each sending its next order when the previous one answered, for
    /// <paramref name="duration"/> after <see cref="WarmUpAsync"/>. Latency: send to response.
    /// </summary>
    public async Task<ApiLoadResult> ClosedLoopAsync(int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        await WarmUpAsync(clients, cancellationToken);
        return await MeasureClosedLoopAsync(clients, duration, cancellationToken);
    }

    /// <summary>
    /// Warms the pools and the JIT with closed-loop rounds of 3 s from <paramref name="clients"/>
    /// loops until one compiles fewer than 100 methods (at most 8): on two cores the runtime's
    /// background re-compilation of the hot paths otherwise takes a large share of the CPU during
    /// the measurement of a young process.
    /// </summary>
    public async Task WarmUpAsync(int clients, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 8; round++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            await MeasureClosedLoopAsync(clients, TimeSpan.FromSeconds(3), cancellationToken);
            if (JitInfo.GetCompiledMethodCount() - compiled < 100)
            {
                break;
            }
        }
    }

    /// <summary>
    /// One measured closed-loop round (no warm-up): C loops for <paramref name="duration"/>. With
    /// wrk, the process CPU per order is the API's alone.
    /// </summary>
    public async Task<ApiLoadResult> MeasureClosedLoopAsync(int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (_wrk is null)
        {
            return await MeasureAsync(() => RunClosedAsync(clients, duration, cancellationToken));
        }

        var (run, cpu) = await WithProcessCpuAsync(() => Wrk.RunAsync(_wrk, _http.BaseAddress!, LoadKey, Body, clients, duration, cancellationToken));
        return new ApiLoadResult(
            run.Succeeded / (run.DurationUs / 1e6),
            new LatencySummary((int)run.Succeeded, run.P50Us / 1000, run.P95Us / 1000, run.P99Us / 1000, run.MaxUs / 1000),
            (long)(run.StatusErrors + run.SocketErrors),
            run.Succeeded == 0 ? double.NaN : cpu.TotalMilliseconds / run.Succeeded);
    }

    /// <summary>
    /// Orders sent at <paramref name="rate"/> per second for <paramref name="duration"/>, each at
    /// its scheduled time whether or not earlier ones answered. Latency runs from the scheduled
    /// time, not the actual send, so a stalled server shows in the figures instead of slowing the
    /// load down (no coordinated omission). Throughput: completed orders / time from the first
    /// send to the last answer.
    /// </summary>
    public Task<ApiLoadResult> OpenLoopAsync(int rate, TimeSpan duration, CancellationToken cancellationToken) =>
        MeasureAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            var count = (int)(rate * duration.TotalSeconds);
            var sends = new List<Task<(double Latency, bool Ok)>>(count);
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }

                sends.Add(SendAsync(clock, due, cancellationToken));
            }

            var results = await Task.WhenAll(sends);
            // Until the last answer: a server that falls behind completes fewer than offered per second.
            return (results.Where(r => r.Ok).Select(r => r.Latency).ToList(), (long)results.Count(r => !r.Ok), clock.Elapsed);
        });

    private static async Task<ApiLoadResult> MeasureAsync(Func<Task<(List<double> Latencies, long Errors, TimeSpan Elapsed)>> run)
    {
        // API and load generator together: what this process spends per order.
        var ((latencies, errors, duration), cpu) = await WithProcessCpuAsync(run);
        return new ApiLoadResult(
            latencies.Count / duration.TotalSeconds,
            Percentiles.Summarize(latencies),
            errors,
            latencies.Count == 0 ? double.NaN : cpu.TotalMilliseconds / latencies.Count);
    }

    /// <summary>Runs <paramref name="run"/> and returns its result with the CPU time this process spent meanwhile.</summary>
    private static async Task<(T Result, TimeSpan Cpu)> WithProcessCpuAsync<T>(Func<Task<T>> run)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await run();
        return (result, Process.GetCurrentProcess().TotalProcessorTime - before);
    }

    private async Task<(List<double>, long, TimeSpan)> RunClosedAsync(int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(16_384);
            long errors = 0;
            while (clock.Elapsed < duration)
            {
                var (latency, ok) = await SendAsync(clock, clock.Elapsed, cancellationToken);
                if (!ok)
                {
                    errors++;
                }
                else if (clock.Elapsed <= duration)
                {
                    latencies.Add(latency);
                }
            }

            return (latencies, errors);
        }, cancellationToken));
        var results = await Task.WhenAll(loops);
        // Only answers within the measured time count, so the divisor is that time.
        return ([.. results.SelectMany(r => r.latencies)], results.Sum(r => r.errors), duration);
    }

    /// <summary>One order; latency from <paramref name="from"/> (on <paramref name="clock"/>) to the whole response read.</summary>
    private async Task<(double Latency, bool Ok)> SendAsync(Stopwatch clock, TimeSpan from, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return ((clock.Elapsed - from).TotalMilliseconds, response.StatusCode == HttpStatusCode.Created);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A timeout or refused connection is an error of the run, not a crash of the benchmark.
            return ((clock.Elapsed - from).TotalMilliseconds, false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
