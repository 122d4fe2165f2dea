using Inventory.Worker.Domain;
using Inventory.Worker.Infrastructure;
using Platform.Messaging.Consuming;
using Platform.Contracts.Orders.V1;

namespace Inventory.Worker.Handlers;

/// <summary>Reads an order event's fields the way Inventory needs them, rejecting content no retry can fix.</summary>
internal static class ReservationRequests
{
    /// <summary>What <paramref name="placed"/> needs from stock, one line per sku in lock order.</summary>
    /// <exception cref="InvalidEventException">A field is missing or malformed: the record is dead-lettered.</exception>
    public static ReservationRequest From(OrderPlaced placed)
    {
        var orderId = OrderId(placed.OrderId);
        if (string.IsNullOrWhiteSpace(placed.CustomerId) || placed.CustomerId.Length > InventoryMigrations.MaxCustomerIdLength)
        {
            throw new InvalidEventException($"OrderPlaced {orderId}: customer_id must be 1 to {InventoryMigrations.MaxCustomerIdLength} characters.");
        }

        if (placed.Lines.Count == 0)
        {
            throw new InvalidEventException($"OrderPlaced {orderId}: an order needs at least one line.");
        }

        if (placed.Lines.FirstOrDefault(line => line.Quantity <= 0 || string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > StockItem.MaxSkuLength) is { } bad)
        {
            throw new InvalidEventException($"OrderPlaced {orderId}: line '{bad.Sku}' x {bad.Quantity} needs a sku of 1 to {StockItem.MaxSkuLength} characters and a positive quantity.");
        }

        // One line per sku, in ordinal sku order: the order stock rows are locked in.
        var lines = placed.Lines
            .GroupBy(line => line.Sku, StringComparer.Ordinal)
            .Select(group => new ReservationLine(group.Key, group.Sum(line => line.Quantity)))
            .OrderBy(line => line.Sku, StringComparer.Ordinal)
            .ToList();
        return new ReservationRequest(orderId, placed.CustomerId, lines);
    }

    /// <summary>The order id of an event.</summary>
    /// <exception cref="InvalidEventException"><paramref name="text"/> is not a UUID.</exception>
    public static Guid OrderId(string text) =>
        Guid.TryParse(text, out var id) ? id : throw new InvalidEventException($"order_id '{text}' is not a UUID.");
}
