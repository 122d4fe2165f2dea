using Orders.Api.Domain;

namespace Orders.Api.Http;

/// <summary>An order as the API shows it.</summary>
public sealed record OrderResponse(
    Guid Id,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLineResponse> Lines,
    decimal Total,
    string Status,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? CancelledAt,
    string? CancellationReason,
    long Version)
{
    /// <summary>Shows <paramref name="order"/>; amounts always with 2 decimals, so a stored response and a fresh read agree.</summary>
    public static OrderResponse From(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var lines = new OrderLineResponse[order.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = order.Lines[i];
            lines[i] = new OrderLineResponse(line.Sku, line.Quantity, Amounts.Normalize(line.UnitPrice));
        }

        return new OrderResponse(order.Id, order.CustomerId, order.Currency, lines, Amounts.Normalize(order.Total),
            order.Status.ToString(), order.PlacedAt, order.ConfirmedAt, order.CancelledAt, order.CancellationReason, order.Version);
    }
}
