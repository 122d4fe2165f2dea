using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Inventory.V1;

namespace Inventory.Worker.Domain.Events;

/// <summary>Every line of the order was reserved from stock.</summary>
public sealed record StockReserved(ReservationRequest Request, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => InventoryEventTypes.StockReserved;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.StockReserved
    {
        OrderId = Request.OrderId.ToString(),
        CustomerId = Request.CustomerId,
        Lines = { ContractLines.From(Request.Lines) },
        ReservedAt = Timestamp.FromDateTimeOffset(OccurredAt),
    };
}
