using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Payments.V1;

namespace Payments.Worker.Domain.Events;

/// <summary>An authorized payment was given back because its order was cancelled.</summary>
public sealed record PaymentRefunded(PaymentRequest Request, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => PaymentEventTypes.PaymentRefunded;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.PaymentRefunded
    {
        OrderId = Request.OrderId.ToString(),
        CustomerId = Request.CustomerId,
        Amount = Request.Amount.ToMoney(),
        Currency = Request.Currency,
        RefundedAt = Timestamp.FromDateTimeOffset(OccurredAt),
    };
}
