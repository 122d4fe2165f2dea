using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Orders.V1;

namespace Orders.Api.Domain.Events;

/// <summary>A customer placed an order: what, for how much, when.</summary>
public sealed record OrderPlaced(
    Guid OrderId, string CustomerId, string Currency, IReadOnlyList<OrderLine> Lines, decimal Total, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => OrderEventTypes.OrderPlaced;

    /// <inheritdoc />
    public IMessage ToContract()
    {
        var message = new Contract.OrderPlaced
        {
            OrderId = OrderId.ToString(),
            CustomerId = CustomerId,
            Currency = Currency,
            Total = ContractValues.Money(Total),
            PlacedAt = ContractValues.Timestamp(OccurredAt),
        };
        foreach (var line in Lines)
        {
            message.Lines.Add(new Contract.OrderLine { Sku = line.Sku, Quantity = line.Quantity, UnitPrice = ContractValues.Money(line.UnitPrice) });
        }

        return message;
    }
}
