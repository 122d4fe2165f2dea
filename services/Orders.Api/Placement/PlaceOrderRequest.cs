namespace Orders.Api.Placement;

/// <summary>Body of <c>POST /orders</c>.</summary>
/// <param name="CustomerId">Who orders, 1 to 64 characters.</param>
/// <param name="Currency">Active ISO 4217 code in upper case, e.g. <c>EUR</c>.</param>
/// <param name="Lines">1 to 100 lines.</param>
public sealed record PlaceOrderRequest(string? CustomerId, string? Currency, IReadOnlyList<PlaceOrderLineRequest?>? Lines);
