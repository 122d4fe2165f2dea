namespace Payments.Worker.Domain;

/// <summary>
/// What one customer owes in one currency: the sum of their Authorized payments (authorized and
/// not refunded). Kept beside the payments and changed in the same transaction, so a decision
/// reads and locks one row instead of summing the customer's history; its row lock is what
/// serialises decisions for the customer.
/// </summary>
public sealed class CreditExposure
{
    // For EF Core materialisation only.
    private CreditExposure()
    {
    }

    /// <summary>Who owes.</summary>
    public string CustomerId { get; private set; } = "";

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; private set; } = "";

    /// <summary>The sum of the customer's Authorized payments in <see cref="Currency"/>.</summary>
    public decimal Outstanding { get; private set; }

    /// <summary>Counts an authorized <paramref name="payment"/>.</summary>
    public void Authorized(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        Check(payment);
        Outstanding += payment.Amount;
    }

    /// <summary>Frees the amount of a refunded <paramref name="payment"/>.</summary>
    public void Refunded(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        Check(payment);
        Outstanding -= payment.Amount;
    }

    private void Check(Payment payment)
    {
        if (payment.CustomerId != CustomerId || payment.Currency != Currency)
        {
            throw new InvalidOperationException($"Payment {payment.OrderId} ({payment.CustomerId}, {payment.Currency}) does not belong to the exposure of ({CustomerId}, {Currency}).");
        }
    }
}
