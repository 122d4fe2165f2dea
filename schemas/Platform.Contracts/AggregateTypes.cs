namespace Platform.Contracts;

/// <summary>Values of the outbox <c>aggregatetype</c> column; each routes to its own topic (<see cref="Topics"/>).</summary>
public static class AggregateTypes
{
    /// <summary>The Order aggregate (Orders service).</summary>
    public const string Order = "order";

    /// <summary>The Payment aggregate (Payments service).</summary>
    public const string Payment = "payment";

    /// <summary>Stock reservations (Inventory service).</summary>
    public const string Inventory = "inventory";
}
