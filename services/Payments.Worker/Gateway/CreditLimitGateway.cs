using System.Globalization;

namespace Payments.Worker.Gateway;

/// <summary>
/// The simulated payment gateway, deterministic so tests and demos can predict every outcome.
/// Rule: a payment is declined when the customer's outstanding amount (authorized and not
/// refunded, in the payment's currency) plus this payment's amount exceeds
/// <paramref name="creditLimit"/>; otherwise it is authorized. Reaching the limit exactly is
/// allowed. Callers must serialise decisions per customer or check the sum when they write it
/// (Payments does the latter), or two concurrent decisions could each see the other's amount
/// missing and together pass the limit.
/// </summary>
public sealed class CreditLimitGateway(decimal creditLimit)
{
    /// <summary>The limit every customer has, per currency.</summary>
    public decimal CreditLimit => creditLimit;

    /// <summary>Decides a payment of <paramref name="amount"/> for a customer who already has <paramref name="outstanding"/> authorized.</summary>
    public GatewayDecision Decide(decimal outstanding, decimal amount, string currency)
    {
        if (outstanding + amount <= creditLimit)
        {
            return GatewayDecision.Authorized;
        }

        return GatewayDecision.Declined(string.Create(
            CultureInfo.InvariantCulture,
            $"credit limit exceeded: {outstanding:0.00} {currency} outstanding + {amount:0.00} {currency} > limit {creditLimit:0.00} {currency}"));
    }
}
