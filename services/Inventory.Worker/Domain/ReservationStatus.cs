namespace Inventory.Worker.Domain;

/// <summary>Where a reservation is in its life.</summary>
public enum ReservationStatus
{
    /// <summary>Every line was taken from stock.</summary>
    Reserved,

    /// <summary>Nothing was taken: a sku was short or unknown; final.</summary>
    Rejected,

    /// <summary>A reservation's stock was given back because the order was cancelled; final.</summary>
    Released,
}
