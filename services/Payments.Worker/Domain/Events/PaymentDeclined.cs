using Google.Protobuf.WellKnownTypes;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Domain;
using Contract = Platform.Contracts.Payments.V1;

namespace Payments.Worker.Domain.Events;

/// <summary>The gateway declined the payment, for <paramref name="Reason"/>.</summary>
public sealed record PaymentDeclined(PaymentRequest Request, string Reason, DateTimeOffset OccurredAt) : IDomainEvent, IPublishedEvent
{
    /// <inheritdoc />
    public string EventType => PaymentEventTypes.PaymentDeclined;

    /// <inheritdoc />
    public IMessage ToContract() => new Contract.PaymentDeclined
    {
        OrderId = Request.OrderId.ToString(),
        CustomerId = Request.CustomerId,
        Amount = Request.Amount.ToMoney(),
        Currency = Request.Currency,
        Reason = Reason,
        DeclinedAt = Timestamp.FromDateTimeOffset(OccurredAt),
    };
}
