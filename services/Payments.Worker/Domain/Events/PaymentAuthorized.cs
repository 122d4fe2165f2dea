using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Payments.V1;

namespace Payments.Worker.Domain.Events;

/// <summary>The gateway authorized the order's total.</summary>
public sealed record PaymentAuthorized(PaymentRequest Request, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => PaymentEventTypes.PaymentAuthorized;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.PaymentAuthorized
    {
        OrderId = Request.OrderId.ToString(),
        CustomerId = Request.CustomerId,
        Amount = Request.Amount.ToMoney(),
        Currency = Request.Currency,
        AuthorizedAt = Timestamp.FromDateTimeOffset(OccurredAt),
    };
}
