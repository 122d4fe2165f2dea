namespace Platform.Contracts;

/// <summary>Values of the outbox <c>type</c> column for stock reservation events.</summary>
public static class InventoryEventTypes
{
    /// <summary><see cref="Inventory.V1.StockReserved"/>.</summary>
    public const string StockReserved = "StockReserved";

    /// <summary><see cref="Inventory.V1.StockRejected"/>.</summary>
    public const string StockRejected = "StockRejected";

    /// <summary><see cref="Inventory.V1.StockReleased"/>.</summary>
    public const string StockReleased = "StockReleased";
}
