using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Orders.V1;

namespace Orders.Api.Domain.Events;

/// <summary>Payment was authorized and stock reserved: the order will be fulfilled.</summary>
public sealed record OrderConfirmed(Guid OrderId, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => OrderEventTypes.OrderConfirmed;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.OrderConfirmed
    {
        OrderId = OrderId.ToString(),
        ConfirmedAt = ContractValues.Timestamp(OccurredAt),
    };
}
