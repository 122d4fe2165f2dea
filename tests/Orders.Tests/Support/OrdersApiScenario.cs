using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Api.Http;
using Orders.Api.Security;
using Platform.Persistence.Outbox;

namespace Orders.Tests.Support;

/// <summary>One running Orders API on a database of its own, plus the SQL a test needs to look underneath.</summary>
public sealed class OrdersApiScenario : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TestDatabase _database;
    private HttpClient? _client;

    private OrdersApiScenario(TestDatabase database, OrdersApiFactory factory, ManualClock clock)
    {
        _database = database;
        Factory = factory;
        Clock = clock;
    }

    public OrdersApiFactory Factory { get; }

    /// <summary>A client of the API; the first use starts the host (and so runs the migrations).</summary>
    public HttpClient Client => _client ??= Factory.CreateDefaultClient(new TestClients.DefaultKeyHandler());

    public ManualClock Clock { get; }

    public TestDatabase Database => _database;

    /// <summary>Starts the API (migrations run at start) on a new database.</summary>
    public static async Task<OrdersApiScenario> StartAsync(
        string purpose, OutboxCleanupMode cleanupMode = OutboxCleanupMode.Retain, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(purpose);
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orders"] = database.ConnectionString,
            ["Outbox:CleanupMode"] = cleanupMode.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            // These tests drive the API only; the saga and read model have tests of their own.
            ["Consumers:orders-saga:Enabled"] = "false",
            ["Consumers:orders-read-model:Enabled"] = "false",
        };
        foreach (var client in TestClients.Names)
        {
            all[$"Auth:ApiKeys:{client}"] = ApiKeys.Hash(TestClients.KeyOf(client));
        }

        all[$"Auth:OperatorKeys:{TestClients.Operator}"] = ApiKeys.Hash(TestClients.KeyOf(TestClients.Operator));

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var clock = new ManualClock();
        return new OrdersApiScenario(database, new OrdersApiFactory(all, clock, services), clock);
    }

    /// <summary>POST /orders with <paramref name="body"/> (raw JSON) and the given key, as <paramref name="client"/> (default <see cref="TestClients.Default"/>).</summary>
    public Task<HttpResponseMessage> PlaceAsync(string body, string? key, string? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        if (client is not null)
        {
            request.Headers.Add(ApiKeys.Header, TestClients.KeyOf(client));
        }

        return Client.SendAsync(request);
    }

    /// <summary><paramref name="method"/> <paramref name="path"/> as <paramref name="client"/> (a <see cref="TestClients"/> name), with an optional JSON body.</summary>
    public Task<HttpResponseMessage> SendAsync(string method, string path, string client, string? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add(ApiKeys.Header, TestClients.KeyOf(client));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Client.SendAsync(request);
    }

    /// <summary>Places a valid order with a fresh key, as <paramref name="client"/> (default <see cref="TestClients.Default"/>), and returns it.</summary>
    public async Task<OrderResponse> PlaceValidAsync(string customerId = "customer-1", string currency = "EUR", string? client = null)
    {
        using var response = await PlaceAsync(OrderRequests.Valid(customerId, currency), Guid.NewGuid().ToString(), client);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OrderResponse>(Json))!;
    }

    /// <summary>Rows in <paramref name="table"/>.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Asserts that no order, no outbox row and no Idempotency-Key row was written.</summary>
    public async Task AssertNothingWrittenAsync()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync("orders"), Is.Zero, "orders");
            Assert.That(await CountAsync("outbox"), Is.Zero, "outbox rows");
            Assert.That(await CountAsync("idempotency_keys"), Is.Zero, "Idempotency-Key rows");
        });
    }

    /// <summary>
    /// Everything a request could change, as text: every order row (with its owner, status and
    /// version) and the row counts of the outbox and the Idempotency-Key table.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var orders = await QueryAsync<string>(
            "SELECT concat_ws('|', id, client_id, status, version, cancelled_at, cancellation_reason) FROM orders ORDER BY id");
        return string.Join("\n", orders) + $"\noutbox={await CountAsync("outbox")}\nkeys={await CountAsync("idempotency_keys")}";
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>Runs <paramref name="sql"/> (a statement that returns no rows); returns the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="work"/> with a scoped service provider of the running app.</summary>
    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
