namespace Inventory.Worker.Domain;

/// <summary>Units of one sku available for new reservations (a row of <c>stock</c>).</summary>
public sealed class StockItem(string sku, int available)
{
    /// <summary>Longest sku stored.</summary>
    public const int MaxSkuLength = 64;

    /// <summary>Stock keeping unit.</summary>
    public string Sku { get; private set; } = sku;

    /// <summary>Units not reserved; never negative (also a CHECK constraint).</summary>
    public int Available { get; private set; } = available;

    /// <summary>Takes <paramref name="quantity"/> units for a reservation.</summary>
    /// <exception cref="InvalidOperationException">Fewer units are available.</exception>
    public void Take(int quantity)
    {
        if (quantity > Available)
        {
            throw new InvalidOperationException($"Only {Available} of sku {Sku} available; cannot take {quantity}.");
        }

        Available -= quantity;
    }

    /// <summary>Returns <paramref name="quantity"/> units from a released reservation.</summary>
    public void Return(int quantity) => Available += quantity;
}
