using Google.Protobuf.WellKnownTypes;
using Platform.Contracts;
using Platform.Contracts.Orders.V1;

namespace Services.Tests.Driving;

/// <summary>Order events as the Orders service raises them, and shortcuts to publish them into a <see cref="ServiceWorld"/>.</summary>
internal static class OrderEvents
{
    public static OrderPlaced Placed(Guid orderId, string customerId, decimal total, string currency = "EUR", params (string Sku, int Quantity)[] lines)
    {
        var placed = new OrderPlaced
        {
            OrderId = orderId.ToString(),
            CustomerId = customerId,
            Currency = currency,
            Total = total.ToMoney(),
            PlacedAt = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        placed.Lines.Add(lines.Select(line => new OrderLine { Sku = line.Sku, Quantity = line.Quantity, UnitPrice = 1m.ToMoney() }));
        return placed;
    }

    public static Task<ProducedEvent> PlaceAsync(this ServiceWorld world, OrderPlaced placed) =>
        world.PublishAsync(world.OrderTopic, placed.OrderId, OrderEventTypes.OrderPlaced, placed, 1);

    public static Task<ProducedEvent> CancelAsync(this ServiceWorld world, Guid orderId, string reason = "customer changed their mind", long sequence = 2) =>
        world.PublishAsync(world.OrderTopic, orderId.ToString(), OrderEventTypes.OrderCancelled, new OrderCancelled
        {
            OrderId = orderId.ToString(),
            Reason = reason,
            CancelledBy = "customer",
            CancelledAt = Timestamp.FromDateTime(DateTime.UtcNow),
        }, sequence);

    public static Task<ProducedEvent> ConfirmAsync(this ServiceWorld world, Guid orderId, long sequence = 2) =>
        world.PublishAsync(world.OrderTopic, orderId.ToString(), OrderEventTypes.OrderConfirmed, new OrderConfirmed
        {
            OrderId = orderId.ToString(),
            ConfirmedAt = Timestamp.FromDateTime(DateTime.UtcNow),
        }, sequence);
}
