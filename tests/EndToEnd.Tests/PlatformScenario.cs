using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using Npgsql;
using Platform.AppHost;
using Platform.Contracts;
using Platform.Local;

namespace EndToEnd.Tests;

/// <summary>
/// One running platform for one test: its own service databases (unique prefix) and, when the
/// run's Kafka is librdkafka's mock cluster, a mock cluster of its own, because the platform's
/// topic names are fixed; on a real cluster (configured or a container) the run's own.
/// </summary>
internal sealed class PlatformScenario : IAsyncDisposable
{
    public const decimal CreditLimit = 1_000m;
    public static readonly IReadOnlyDictionary<string, int> Stock =
        Enumerable.Range(1, 5).ToDictionary(i => $"SKU-{i}", _ => 5_000);

    private readonly MockKafkaCluster? _kafka;
    private readonly LocalPlatform _platform;

    private PlatformScenario(MockKafkaCluster? kafka, LocalPlatform platform, string bootstrapServers)
    {
        _kafka = kafka;
        _platform = platform;
        BootstrapServers = bootstrapServers;
        Http = new HttpClient { BaseAddress = new Uri(platform.Options.OrdersUrl), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add(Orders.Api.Security.ApiKeys.Header, platform.Options.ApiKey);
        OperatorHttp = new HttpClient { BaseAddress = new Uri(platform.Options.OrdersUrl), Timeout = TimeSpan.FromSeconds(30) };
        OperatorHttp.DefaultRequestHeaders.Add(Orders.Api.Security.ApiKeys.Header, platform.Options.OperatorKey);
    }

    /// <summary>The Orders API as the platform's local client.</summary>
    public HttpClient Http { get; }

    /// <summary>The Orders API as the platform's operator (every order, <c>/stats</c>).</summary>
    public HttpClient OperatorHttp { get; }

    public string BootstrapServers { get; }

    /// <summary>The API key of the platform's local client.</summary>
    public string ApiKey => _platform.Options.ApiKey;

    /// <summary>The operator key of the platform: the dashboard's credential, and what its Redrive asks for.</summary>
    public string OperatorKey => _platform.Options.OperatorKey;

    /// <summary>The operator dashboard's base URL; null unless started with one.</summary>
    public string? DashboardUrl => _platform.Options.DashboardUrl;

    public static async Task<PlatformScenario> StartAsync(string purpose, IReadOnlyDictionary<string, string?>? settings = null, bool dashboard = false)
    {
        var admin = await TestPostgres.AdminConnectionStringAsync();
        await TestPostgres.RequireLogicalReplicationAsync();
        var kafka = TestInfrastructure.Choice.Kafka == InfrastructureSource.Local
            ? TestKafka.OwnMockCluster("A platform with its fixed topic names")
            : null;
        var servers = kafka?.BootstrapServers ?? TestKafka.BootstrapServers;
        var consumerTuning = new[] { "orders-saga", "orders-read-model", "payments", "inventory", "notifications" }
            .ToDictionary(name => $"Consumers:{name}:SessionTimeoutMs", _ => (string?)"6000");
        // The tests place hundreds of orders at once as the one local client: above the default
        // per-client limit, which is Orders.Tests' business.
        consumerTuning[$"RateLimits:Clients:{LocalPlatformOptions.ApiClient}:TokenLimit"] = "100000";
        consumerTuning[$"RateLimits:Clients:{LocalPlatformOptions.ApiClient}:TokensPerPeriod"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            consumerTuning[key] = value;
        }

        try
        {
            var platform = await LocalPlatform.StartAsync(new LocalPlatformOptions
            {
                PostgresAdmin = admin,
                KafkaBootstrapServers = servers,
                DatabasePrefix = TestNames.Unique(purpose, maxLength: 40).Replace('-', '_') + "_",
                OrdersUrl = $"http://127.0.0.1:{FreePort.Next()}",
                CreditLimit = CreditLimit,
                SeedStock = Stock,
                Settings = consumerTuning,
                DashboardUrl = dashboard ? $"http://127.0.0.1:{FreePort.Next()}" : null,
            }, CancellationToken.None);
            return new PlatformScenario(kafka, platform, servers);
        }
        catch
        {
            kafka?.Dispose();
            throw;
        }
    }

    public string Database(string service) => _platform.Databases[service];

    /// <summary>POST /orders; returns the order id.</summary>
    public async Task<Guid> PlaceAsync(string customer, params (string Sku, int Quantity, decimal UnitPrice)[] lines)
    {
        var body = new
        {
            customerId = customer,
            currency = "EUR",
            lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, unitPrice = l.UnitPrice }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetGuid();
    }

    public async Task<HttpStatusCode> CancelAsync(Guid order)
    {
        using var response = await Http.PostAsJsonAsync($"/orders/{order}/cancel", new { reason = "changed my mind" });
        return response.StatusCode;
    }

    public async Task<List<object[]>> QueryAsync(string service, string sql)
    {
        await using var connection = new NpgsqlConnection(Database(service));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public async Task<long> CountAsync(string service, string sql) => Convert.ToInt64((await QueryAsync(service, sql))[0][0], CultureInfo.InvariantCulture);

    /// <summary>True once every consumer group has committed up to the end of every partition of its topics.</summary>
    public bool ConsumersCaughtUp()
    {
        var groups = new Dictionary<string, string[]>
        {
            ["orders-saga"] = [Topics.PaymentEvents, Topics.InventoryEvents],
            ["orders-read-model"] = [Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents],
            ["payments"] = [Topics.OrderEvents],
            ["inventory"] = [Topics.OrderEvents],
            ["notifications"] = [Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents],
        };
        return groups.All(g => KafkaGroups.CommittedToEnd(BootstrapServers, g.Key, g.Value));
    }

    /// <summary>Copies every record of the platform's topics onto the end of the same topics (same key, value, headers, timestamp).</summary>
    public int RedeliverEverything()
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        using var reader = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "redeliver", EnableAutoCommit = false }).Build();
        var copied = 0;
        foreach (var topic in new[] { Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents })
        {
            for (var p = 0; p < TestKafka.DefaultPartitions; p++)
            {
                var partition = new TopicPartition(topic, p);
                var high = reader.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
                if (high == 0)
                {
                    continue;
                }

                reader.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
                while (true)
                {
                    var record = reader.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"reading {partition}");
                    producer.Produce(partition, new Message<byte[], byte[]>
                    {
                        Key = record.Message.Key,
                        Value = record.Message.Value,
                        Headers = record.Message.Headers,
                        Timestamp = record.Message.Timestamp,
                    });
                    copied++;
                    if (record.Offset.Value == high - 1)
                    {
                        break;
                    }
                }
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        return copied;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        OperatorHttp.Dispose();
        await _platform.DisposeAsync();
        _kafka?.Dispose();
        foreach (var database in _platform.Databases.Values)
        {
            await DropAsync(database);
        }
    }

    private static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await TestPostgres.AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using (var slots = new NpgsqlCommand($"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '{name}' AND NOT active", connection))
        {
            await slots.ExecuteNonQueryAsync();
        }

        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
