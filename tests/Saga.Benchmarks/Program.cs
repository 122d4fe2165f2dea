using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Bench.Reporting;
using Npgsql;
using Platform.AppHost;
using Platform.Local;
using Spectre.Console;

// Order placed -> terminal state (Confirmed or Cancelled) latency across the whole platform:
// Orders API -> outbox -> CDC relay -> Kafka -> Payments and Inventory -> their outboxes ->
// relays -> Kafka -> Orders saga. Orders arrive at a fixed rate (open loop); latency is
// confirmed_at/cancelled_at minus placed_at, both stamped by the Orders service.
// Usage: dotnet run -c Release --project tests/Saga.Benchmarks [orders/s=50] [seconds=20] [--report FILE]
var report = BenchReport.TakeOption(ref args);
var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;

await using var postgres = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(), CancellationToken.None);
using var kafka = MockKafkaCluster.Start(brokers: 3);
await using var platform = await LocalPlatform.StartAsync(new LocalPlatformOptions
{
    PostgresAdmin = postgres.ConnectionString,
    KafkaBootstrapServers = kafka.BootstrapServers,
    OrdersUrl = $"http://127.0.0.1:{FreePort.Next()}",
    LogLevel = "Error",
}, CancellationToken.None);
using var http = new HttpClient { BaseAddress = new Uri(platform.Options.OrdersUrl) };
http.DefaultRequestHeaders.Add(Orders.Api.Security.ApiKeys.Header, platform.Options.ApiKey);

// Warm-up, not measured: the first orders create the topics, which consumers notice within
// seconds (each noticing may rebalance its group), and warm every path.
var warmUp = rate * 10;
await PlaceAtRateAsync("warm-up", 0, warmUp);
await WaitTerminalAsync(warmUp, TimeSpan.FromSeconds(120));

var total = rate * seconds;
var measuredFrom = DateTime.UtcNow;
await PlaceAtRateAsync("measured", warmUp, total);
await WaitTerminalAsync(warmUp + total, TimeSpan.FromSeconds(300));

await using var connection = new NpgsqlConnection(platform.Databases["orders"]);
await connection.OpenAsync();
await using var query = new NpgsqlCommand("""
    SELECT count(*) FILTER (WHERE status = 'Confirmed'), count(*) FILTER (WHERE status = 'Cancelled'),
           percentile_disc(0.5) WITHIN GROUP (ORDER BY ms)::float8, percentile_disc(0.95) WITHIN GROUP (ORDER BY ms)::float8,
           percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)::float8, max(ms)::float8
    FROM (SELECT status, extract(epoch FROM coalesce(confirmed_at, cancelled_at) - placed_at) * 1000 AS ms
          FROM orders WHERE placed_at >= $1) o
    """, connection);
query.Parameters.Add(new NpgsqlParameter { Value = measuredFrom });
await using var reader = await query.ExecuteReaderAsync();
await reader.ReadAsync();
// percentile_disc: nearest rank, as Bench.Reporting.Percentiles computes it elsewhere.
var latency = new LatencySummary(total, reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5));
var table = new Table().AddColumns("figure", "value");
table.AddRow("orders measured (after a 10 s warm-up)", $"{total:N0} at {rate}/s");
table.AddRow("confirmed / cancelled", $"{reader.GetInt64(0):N0} / {reader.GetInt64(1):N0}");
table.AddRow("placed -> terminal p50 (ms)", $"{latency.P50:N1}");
table.AddRow("placed -> terminal p95 (ms)", $"{latency.P95:N1}");
table.AddRow("placed -> terminal p99 (ms)", $"{latency.P99:N1}");
table.AddRow("placed -> terminal max (ms)", $"{latency.Max:N1}");
AnsiConsole.Write(table);
AnsiConsole.MarkupLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; PostgreSQL fsync on; mock Kafka; all services and relays in this process");
BenchReport.Append(report, latency.Records("end to end", $"order placed -> terminal at {rate}/s",
    $"{reader.GetInt64(0):N0} confirmed, {reader.GetInt64(1):N0} cancelled; whole platform in one process"));
return;

async Task PlaceAtRateAsync(string phase, int first, int count)
{
    var clock = Stopwatch.StartNew();
    var sends = new List<Task>();
    await AnsiConsole.Progress().StartAsync(async ctx =>
    {
        var task = ctx.AddTask($"{phase}: {count:N0} orders at {rate}/s", maxValue: count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            sends.Add(PlaceAsync(first + i));
            task.Value = i + 1;
        }

        await Task.WhenAll(sends);
    });
}

async Task PlaceAsync(int i)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
    {
        Content = JsonContent.Create(new
        {
            customerId = $"customer-{i % 100}",
            currency = "EUR",
            lines = new[] { new { sku = $"SKU-{(i % 20) + 1:000}", quantity = 1, unitPrice = 10m } },
        }),
    };
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
}

async Task WaitTerminalAsync(int expected, TimeSpan timeout)
{
    var deadline = Stopwatch.StartNew();
    await using var connection = new NpgsqlConnection(platform.Databases["orders"]);
    await connection.OpenAsync();
    while (true)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orders WHERE status <> 'Placed'", connection);
        if ((long)(await count.ExecuteScalarAsync())! >= expected)
        {
            return;
        }

        if (deadline.Elapsed > timeout)
        {
            throw new TimeoutException($"orders did not all reach a terminal state within {timeout}");
        }

        await Task.Delay(50);
    }
}
