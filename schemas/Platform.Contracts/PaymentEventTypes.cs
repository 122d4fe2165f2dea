namespace Platform.Contracts;

/// <summary>Values of the outbox <c>type</c> column for Payment events.</summary>
public static class PaymentEventTypes
{
    /// <summary><see cref="Payments.V1.PaymentAuthorized"/>.</summary>
    public const string PaymentAuthorized = "PaymentAuthorized";

    /// <summary><see cref="Payments.V1.PaymentDeclined"/>.</summary>
    public const string PaymentDeclined = "PaymentDeclined";

    /// <summary><see cref="Payments.V1.PaymentRefunded"/>.</summary>
    public const string PaymentRefunded = "PaymentRefunded";
}
