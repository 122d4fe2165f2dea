namespace Platform.Contracts;

/// <summary>
/// Topic names. Relays route an outbox row to a topic from its <c>aggregatetype</c> value with
/// the regex/replacement pair below, the same pair as Debezium's EventRouter settings
/// <c>route.topic.regex</c> and <c>route.topic.replacement</c> in connectors/.
/// </summary>
public static class Topics
{
    /// <summary>Default <c>route.topic.regex</c>: the whole aggregate type, captured as <c>routedByValue</c>.</summary>
    public const string RouteTopicRegex = "(?<routedByValue>.*)";

    /// <summary>Default <c>route.topic.replacement</c>.</summary>
    public const string RouteTopicReplacement = "${routedByValue}.events";

    /// <summary>Events of the Order aggregate.</summary>
    public const string OrderEvents = AggregateTypes.Order + ".events";

    /// <summary>Events of the Payment aggregate.</summary>
    public const string PaymentEvents = AggregateTypes.Payment + ".events";

    /// <summary>Events of stock reservations.</summary>
    public const string InventoryEvents = AggregateTypes.Inventory + ".events";

    /// <summary>
    /// Partitions of every event topic. The record contract assumes it: an aggregate's partition
    /// is murmur2 of its key modulo this count, the same for both relays. Declared with the topics
    /// wherever they are created (infra/, the AppHost, the tests).
    /// </summary>
    public const int Partitions = 4;

    /// <summary>Every event topic.</summary>
    public static IReadOnlyList<string> All { get; } = [OrderEvents, PaymentEvents, InventoryEvents];
}
