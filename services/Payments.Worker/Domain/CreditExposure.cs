namespace Payments.Worker.Domain;

/// <summary>
/// What one customer owes in one currency: the sum of their Authorized payments (authorized and
/// not refunded). Kept beside the payments and changed in the same transaction, so a decision
/// reads one row instead of summing the customer's history. The row is not locked while a batch
/// is decided (a customer's orders arrive on every partition): <see cref="Authorized"/> and
/// <see cref="Refunded"/> change <see cref="Outstanding"/> at once (this transaction's view) and
/// add up in <see cref="UnsavedChange"/>, which the database applies as
/// <c>outstanding + change</c> just before commit (see <c>PaymentsDbContext.SaveChangesAsync</c>).
/// If the result then exceeds the <see cref="Ceiling"/> an authorization relied on, a concurrent
/// transaction authorized meanwhile: this one fails and its payments are decided again.
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

    /// <summary>Authorized amounts (positive) and refunded ones (negative) since the row was read or last saved.</summary>
    public decimal UnsavedChange { get; private set; }

    /// <summary>The lowest credit limit an unsaved authorization was decided against, or null.</summary>
    public decimal? Ceiling { get; private set; }

    /// <summary>Counts a <paramref name="payment"/> authorized because it kept the customer within <paramref name="creditLimit"/>.</summary>
    public void Authorized(Payment payment, decimal creditLimit)
    {
        ArgumentNullException.ThrowIfNull(payment);
        Check(payment);
        Outstanding += payment.Amount;
        UnsavedChange += payment.Amount;
        Ceiling = Math.Min(Ceiling ?? creditLimit, creditLimit);
    }

    /// <summary>Frees the amount of a refunded <paramref name="payment"/>.</summary>
    public void Refunded(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        Check(payment);
        Outstanding -= payment.Amount;
        UnsavedChange -= payment.Amount;
    }

    /// <summary>The change was applied: the row now holds <paramref name="outstanding"/>.</summary>
    public void Saved(decimal outstanding)
    {
        Outstanding = outstanding;
        UnsavedChange = 0;
        Ceiling = null;
    }

    private void Check(Payment payment)
    {
        if (payment.CustomerId != CustomerId || payment.Currency != Currency)
        {
            throw new InvalidOperationException($"Payment {payment.OrderId} ({payment.CustomerId}, {payment.Currency}) does not belong to the exposure of ({CustomerId}, {Currency}).");
        }
    }
}
