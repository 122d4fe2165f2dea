using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Orders.V1;

namespace Orders.Api.Domain.Events;

/// <summary>The order was cancelled: why, by whom, when.</summary>
public sealed record OrderCancelled(Guid OrderId, string Reason, string CancelledBy, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => OrderEventTypes.OrderCancelled;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.OrderCancelled
    {
        OrderId = OrderId.ToString(),
        Reason = Reason,
        CancelledBy = CancelledBy,
        CancelledAt = ContractValues.Timestamp(OccurredAt),
    };
}
