namespace Inventory.Worker.Domain;

/// <summary>What a placed order needs from stock: one line per sku, sorted by sku (the lock order).</summary>
/// <param name="OrderId">The order, which is also the reservation's id.</param>
/// <param name="CustomerId">Who ordered.</param>
/// <param name="Lines">One line per distinct sku, sorted ordinally by sku.</param>
public sealed record ReservationRequest(Guid OrderId, string CustomerId, IReadOnlyList<ReservationLine> Lines)
{
    /// <summary>The skus, in lock order.</summary>
    public IReadOnlyList<string> Skus => [.. Lines.Select(line => line.Sku)];
}
