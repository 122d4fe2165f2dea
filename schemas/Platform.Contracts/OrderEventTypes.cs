namespace Platform.Contracts;

/// <summary>Values of the outbox <c>type</c> column for Order events: stable strings, never CLR type names.</summary>
public static class OrderEventTypes
{
    /// <summary><see cref="Orders.V1.OrderPlaced"/>.</summary>
    public const string OrderPlaced = "OrderPlaced";

    /// <summary><see cref="Orders.V1.OrderConfirmed"/>.</summary>
    public const string OrderConfirmed = "OrderConfirmed";

    /// <summary><see cref="Orders.V1.OrderCancelled"/>.</summary>
    public const string OrderCancelled = "OrderCancelled";
}
