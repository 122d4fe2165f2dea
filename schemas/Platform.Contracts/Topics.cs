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
}
