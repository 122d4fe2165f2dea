using Platform.Contracts;
using Platform.Kafka.DeadLetters;

namespace Platform.Dashboard;

/// <summary>Where the dashboard reads its figures from. Validated when the dashboard is built.</summary>
public sealed record DashboardOptions
{
    /// <summary>Request header of the API key (the Orders API's <c>X-Api-Key</c>).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Kafka bootstrap servers: topic offsets, consumer group offsets, dead-letter topics, redrive.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Consumer groups to show lag and dead letters (<c>{group}.dlq</c>) for; also the only ones a redrive accepts.</summary>
    public required IReadOnlyList<string> ConsumerGroups { get; init; }

    /// <summary>Event topics whose end offsets and rates are charted.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [Platform.Contracts.Topics.OrderEvents, Platform.Contracts.Topics.PaymentEvents, Platform.Contracts.Topics.InventoryEvents];

    /// <summary>Base URL of the Orders API, whose <c>GET /stats</c> gives orders by status; null: not shown.</summary>
    public Uri? OrdersApiUrl { get; init; }

    /// <summary>
    /// An operator key of the Orders API (<c>Auth:OperatorKeys</c>): sent to its <c>/stats</c>, which
    /// counts every client's orders and answers operators only, and required in
    /// <see cref="ApiKeyHeader"/> on the redrive endpoint. Null: no orders figures and redrive refused (403).
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>Connection string of any database on the PostgreSQL server whose replication slots are shown; null: not shown.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Only these replication slots (slots are server-wide); empty: all of the server's.</summary>
    public IReadOnlyCollection<string> SlotNames { get; init; } = [];

    /// <summary>How many of the newest parked records the dead-letter table lists.</summary>
    public int DeadLetterRows { get; init; } = 50;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first missing or invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            throw new ArgumentException("Dashboard: BootstrapServers is required.", nameof(BootstrapServers));
        }

        if (ConsumerGroups is null || ConsumerGroups.Count == 0 || ConsumerGroups.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Dashboard: ConsumerGroups needs at least one non-empty group id.", nameof(ConsumerGroups));
        }

        if (OrdersApiUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("Dashboard: OrdersApiUrl must be an absolute URL.", nameof(OrdersApiUrl));
        }

        if (DeadLetterRows is < 1 or > 1_000)
        {
            throw new ArgumentException("Dashboard: DeadLetterRows must be between 1 and 1000.", nameof(DeadLetterRows));
        }
    }

    /// <summary>The dead-letter topic of each consumer group, by group.</summary>
    internal IReadOnlyDictionary<string, string> DeadLetterTopics() =>
        ConsumerGroups.Distinct(StringComparer.Ordinal).ToDictionary(g => g, DeadLetterHeaders.TopicFor, StringComparer.Ordinal);
}
