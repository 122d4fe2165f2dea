namespace Orders.Api.Http;

/// <summary>One line of <see cref="OrderResponse"/>.</summary>
public sealed record OrderLineResponse(string Sku, int Quantity, decimal UnitPrice);
