namespace Platform.AppHost;

/// <summary>Where and how <see cref="LocalPlatform"/> runs the services.</summary>
public sealed record LocalPlatformOptions
{
    /// <summary>Superuser connection string of the PostgreSQL server that will hold one database per service.</summary>
    public required string PostgresAdmin { get; init; }

    /// <summary>Kafka bootstrap servers.</summary>
    public required string KafkaBootstrapServers { get; init; }

    /// <summary>Prefix of the service database names (e.g. a test's unique prefix); empty for plain names.</summary>
    public string DatabasePrefix { get; init; } = "";

    /// <summary>Base URL of the Orders API.</summary>
    public string OrdersUrl { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Base URL of the operator dashboard (keep it on loopback); null: no dashboard.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>API key of the local client (<c>X-Api-Key</c>); a fresh random one per run unless given.</summary>
    public string ApiKey { get; init; } = Orders.Api.Security.ApiKeys.New();

    /// <summary>Client name the local API key is configured for (the principal that owns its orders and scopes its Idempotency-Keys).</summary>
    public const string ApiClient = "local";

    /// <summary>
    /// Operator key of the Orders API (<c>Auth:OperatorKeys:operator</c>): the dashboard's credential
    /// for <c>/stats</c> and the key its Redrive asks for; a fresh random one per run unless given.
    /// </summary>
    public string OperatorKey { get; init; } = Orders.Api.Security.ApiKeys.New();

    /// <summary>Operator name <see cref="OperatorKey"/> is configured for.</summary>
    public const string OperatorName = "operator";

    /// <summary>Payments' simulated gateway limit per customer and currency.</summary>
    public decimal CreditLimit { get; init; } = 5_000m;

    /// <summary>Stock seeded for skus that do not exist yet.</summary>
    public IReadOnlyDictionary<string, int> SeedStock { get; init; } = DefaultCatalog();

    /// <summary>Lowest log level shown.</summary>
    public string LogLevel { get; init; } = "Warning";

    /// <summary>Extra settings for every service (e.g. consumer tuning).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The catalogue a fresh local run starts with: SKU-001 to SKU-020, 1,000 each.</summary>
    public static IReadOnlyDictionary<string, int> DefaultCatalog() =>
        Enumerable.Range(1, 20).ToDictionary(i => $"SKU-{i:000}", _ => 1_000);
}
