using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Inventory.V1;

namespace Inventory.Worker.Domain.Events;

/// <summary>A reservation was given back because its order was cancelled.</summary>
public sealed record StockReleased(ReservationRequest Request, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => InventoryEventTypes.StockReleased;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.StockReleased
    {
        OrderId = Request.OrderId.ToString(),
        CustomerId = Request.CustomerId,
        Lines = { ContractLines.From(Request.Lines) },
        ReleasedAt = Timestamp.FromDateTimeOffset(OccurredAt),
    };
}
