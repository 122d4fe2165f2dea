namespace Inventory.Worker.Domain;

/// <summary>Units of one sku an order needs. Immutable.</summary>
public sealed class ReservationLine(string sku, int quantity)
{
    /// <summary>Stock keeping unit.</summary>
    public string Sku { get; private set; } = sku;

    /// <summary>Units, at least 1.</summary>
    public int Quantity { get; private set; } = quantity;
}
