namespace Payments.Worker.Domain;

/// <summary>Where a payment is in its life: decided once, then possibly refunded.</summary>
public enum PaymentStatus
{
    /// <summary>The gateway authorized the amount; it counts against the customer's credit limit.</summary>
    Authorized,

    /// <summary>The gateway declined; final.</summary>
    Declined,

    /// <summary>An authorized payment was given back; final.</summary>
    Refunded,
}
