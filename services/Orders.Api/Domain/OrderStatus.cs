namespace Orders.Api.Domain;

/// <summary>Where an order is in its life: Placed, then Confirmed or Cancelled (both final).</summary>
public enum OrderStatus
{
    /// <summary>Accepted; awaits payment and stock.</summary>
    Placed,

    /// <summary>Payment authorized and stock reserved: it will be fulfilled.</summary>
    Confirmed,

    /// <summary>Cancelled by the customer, or because payment or stock failed.</summary>
    Cancelled,
}
