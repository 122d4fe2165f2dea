namespace Inventory.Worker.Domain;

/// <summary>
/// Units of one sku available for new reservations (a row of <c>stock</c>). Every reservation
/// of every partition changes the same few rows, so they are not locked while a batch is
/// decided: <see cref="Take"/> and <see cref="Return"/> change <see cref="Available"/> at once
/// (this transaction's view) and add up in <see cref="UnsavedChange"/>, which the database
/// applies as <c>available + change</c> just before commit (see
/// <c>InventoryDbContext.SaveChangesAsync</c>). Concurrent transactions' changes add up instead
/// of overwriting each other, and the CHECK (available >= 0) refuses a take that a concurrent
/// transaction made impossible: the transaction rolls back and is decided again on fresh stock.
/// </summary>
public sealed class StockItem(string sku, int available)
{
    /// <summary>Longest sku stored.</summary>
    public const int MaxSkuLength = 64;

    /// <summary>Stock keeping unit.</summary>
    public string Sku { get; private set; } = sku;

    /// <summary>Units not reserved, as read plus <see cref="UnsavedChange"/>; never negative (also a CHECK constraint).</summary>
    public int Available { get; private set; } = available;

    /// <summary>Units taken (negative) and returned (positive) since the row was read or last saved.</summary>
    public int UnsavedChange { get; private set; }

    /// <summary>Takes <paramref name="quantity"/> units for a reservation.</summary>
    /// <exception cref="InvalidOperationException">Fewer units are available.</exception>
    public void Take(int quantity)
    {
        if (quantity > Available)
        {
            throw new InvalidOperationException($"Only {Available} of sku {Sku} available; cannot take {quantity}.");
        }

        Available -= quantity;
        UnsavedChange -= quantity;
    }

    /// <summary>Returns <paramref name="quantity"/> units from a released reservation.</summary>
    public void Return(int quantity)
    {
        Available += quantity;
        UnsavedChange += quantity;
    }

    /// <summary>The change was applied: the row now holds <paramref name="available"/> units.</summary>
    public void Saved(int available)
    {
        Available = available;
        UnsavedChange = 0;
    }
}
