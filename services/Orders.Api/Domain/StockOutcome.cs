namespace Orders.Api.Domain;

/// <summary>What the Inventory service decided for an order, as far as Orders has heard.</summary>
public enum StockOutcome
{
    /// <summary>No decision heard yet.</summary>
    Pending,

    /// <summary>StockReserved arrived.</summary>
    Reserved,

    /// <summary>StockRejected arrived.</summary>
    Rejected,
}
