namespace Orders.Api.Domain;

/// <summary>What the Payments service decided for an order, as far as Orders has heard.</summary>
public enum PaymentOutcome
{
    /// <summary>No decision heard yet.</summary>
    Pending,

    /// <summary>PaymentAuthorized arrived.</summary>
    Authorized,

    /// <summary>PaymentDeclined arrived.</summary>
    Declined,
}
