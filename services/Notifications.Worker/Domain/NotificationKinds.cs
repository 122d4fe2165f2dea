namespace Notifications.Worker.Domain;

/// <summary>Values of <c>notifications.kind</c>: stable strings, one per kind of message a customer receives.</summary>
public static class NotificationKinds
{
    /// <summary>From OrderPlaced: the order was received.</summary>
    public const string OrderReceived = "OrderReceived";

    /// <summary>From OrderConfirmed.</summary>
    public const string OrderConfirmed = "OrderConfirmed";

    /// <summary>From OrderCancelled, with the reason.</summary>
    public const string OrderCancelled = "OrderCancelled";

    /// <summary>From PaymentDeclined, with the reason.</summary>
    public const string PaymentDeclined = "PaymentDeclined";

    /// <summary>From PaymentRefunded.</summary>
    public const string PaymentRefunded = "PaymentRefunded";
}
