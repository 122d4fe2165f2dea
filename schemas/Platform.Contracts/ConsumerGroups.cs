namespace Platform.Contracts;

/// <summary>
/// The consumer groups the services run, each also the name of its dead-letter topic's prefix
/// (<c>{group}.dlq</c>) and of its <c>Consumers:{name}</c> settings, with the service that owns it.
/// </summary>
public static class ConsumerGroups
{
    /// <summary>The Orders saga: confirms or cancels orders from payment and stock results.</summary>
    public const string OrdersSaga = "orders-saga";

    /// <summary>The Orders read model: timelines and counts by status.</summary>
    public const string OrdersReadModel = "orders-read-model";

    /// <summary>Payments: authorizes, declines and refunds.</summary>
    public const string Payments = "payments";

    /// <summary>Inventory: reserves and releases stock.</summary>
    public const string Inventory = "inventory";

    /// <summary>Notifications: records what customers are told.</summary>
    public const string Notifications = "notifications";

    /// <summary>Each group and the service (its project and binary name) that runs it.</summary>
    public static IReadOnlyDictionary<string, string> Owners { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [OrdersSaga] = "Orders.Api",
        [OrdersReadModel] = "Orders.Api",
        [Payments] = "Payments.Worker",
        [Inventory] = "Inventory.Worker",
        [Notifications] = "Notifications.Worker",
    };

    /// <summary>Every group, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [OrdersSaga, OrdersReadModel, Payments, Inventory, Notifications];
}
