namespace Orders.Api.Cancellation;

/// <summary>Optional body of <c>POST /orders/{id}/cancel</c>.</summary>
/// <param name="Reason">Why, 1 to 500 characters; defaults to "Cancelled by the customer."</param>
public sealed record CancelOrderRequest(string? Reason);
