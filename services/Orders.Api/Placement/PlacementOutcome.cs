namespace Orders.Api.Placement;

/// <summary>The result of <see cref="OrderPlacement.PlaceAsync"/> and, when there is one, the response to send.</summary>
public sealed record PlacementOutcome(PlacementResult Result, StoredResponse? Response = null);
