namespace Orders.Api.Domain;

/// <summary>Who may cancel an order; the values of <c>OrderCancelled.cancelled_by</c>.</summary>
public static class CancellationSources
{
    /// <summary>The customer, through <c>POST /orders/{id}/cancel</c>.</summary>
    public const string Customer = "customer";

    /// <summary>The saga, because payment failed.</summary>
    public const string Payment = "payment";

    /// <summary>The saga, because stock could not be reserved.</summary>
    public const string Inventory = "inventory";

    /// <summary>True for one of the values above.</summary>
    public static bool IsKnown(string? source) => source is Customer or Payment or Inventory;
}
