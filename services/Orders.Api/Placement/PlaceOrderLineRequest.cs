namespace Orders.Api.Placement;

/// <summary>One line of <see cref="PlaceOrderRequest"/>.</summary>
/// <param name="Sku">Stock keeping unit, 1 to 64 characters.</param>
/// <param name="Quantity">1 to 1000.</param>
/// <param name="UnitPrice">At least 0, at most 2 decimals.</param>
public sealed record PlaceOrderLineRequest(string? Sku, int? Quantity, decimal? UnitPrice);
