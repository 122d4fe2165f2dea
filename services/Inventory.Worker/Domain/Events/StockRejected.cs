using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Inventory.V1;

namespace Inventory.Worker.Domain.Events;

/// <summary>The order could not be reserved (nothing was), because of <paramref name="Skus"/>.</summary>
public sealed record StockRejected(ReservationRequest Request, string Reason, IReadOnlyList<string> Skus, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => InventoryEventTypes.StockRejected;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.StockRejected
    {
        OrderId = Request.OrderId.ToString(),
        CustomerId = Request.CustomerId,
        Reason = Reason,
        Skus = { Skus },
        RejectedAt = Timestamp.FromDateTimeOffset(OccurredAt),
    };
}
