using Payments.Worker.Domain.Events;
using Platform.Contracts;
using Platform.Domain;

namespace Payments.Worker.Domain;

/// <summary>
/// The Payment aggregate, one per order (its id is the order id). Created already decided
/// (Authorized or Declined); an Authorized payment can be Refunded once. Every change raises its
/// event, which becomes an outbox row in the same SaveChanges.
/// </summary>
public sealed class Payment : AggregateRoot
{
    // For EF Core materialisation only.
    private Payment()
    {
    }

    /// <summary>The order paid for; the payment's id and the Kafka key of its events.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>Who pays.</summary>
    public string CustomerId { get; private set; } = "";

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; private set; } = "";

    /// <summary>The order's total.</summary>
    public decimal Amount { get; private set; }

    /// <summary>Where the payment is in its life.</summary>
    public PaymentStatus Status { get; private set; }

    /// <summary>Why the gateway declined, when it did.</summary>
    public string? DeclineReason { get; private set; }

    /// <summary>When the gateway decided.</summary>
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>When it was refunded, if it was.</summary>
    public DateTimeOffset? RefundedAt { get; private set; }

    /// <inheritdoc />
    public override string AggregateType => AggregateTypes.Payment;

    /// <inheritdoc />
    public override string AggregateId => OrderId.ToString();

    /// <summary>A payment the gateway authorized (raises <see cref="PaymentAuthorized"/>).</summary>
    public static Payment Authorize(PaymentRequest request, DateTimeOffset at)
    {
        var payment = Create(request, PaymentStatus.Authorized, at);
        payment.Raise(new PaymentAuthorized(request, at));
        return payment;
    }

    /// <summary>A payment the gateway declined for <paramref name="reason"/> (raises <see cref="PaymentDeclined"/>).</summary>
    public static Payment Decline(PaymentRequest request, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var payment = Create(request, PaymentStatus.Declined, at);
        payment.DeclineReason = reason;
        payment.Raise(new PaymentDeclined(request, reason, at));
        return payment;
    }

    /// <summary>Gives an authorized payment back (raises <see cref="PaymentRefunded"/>); only from Authorized.</summary>
    /// <exception cref="InvalidOperationException">The payment is not Authorized.</exception>
    public void Refund(DateTimeOffset at)
    {
        if (Status != PaymentStatus.Authorized)
        {
            throw new InvalidOperationException($"Payment {OrderId} is {Status}; only an Authorized payment can be refunded.");
        }

        Status = PaymentStatus.Refunded;
        RefundedAt = at;
        Raise(new PaymentRefunded(new PaymentRequest(OrderId, CustomerId, Currency, Amount), at));
    }

    private static Payment Create(PaymentRequest request, PaymentStatus status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Payment
        {
            OrderId = request.OrderId,
            CustomerId = request.CustomerId,
            Currency = request.Currency,
            Amount = request.Amount,
            Status = status,
            DecidedAt = at,
        };
    }
}
