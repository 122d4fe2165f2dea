namespace Orders.Api.Placement;

/// <summary>What became of a placement under its Idempotency-Key.</summary>
public enum PlacementResult
{
    /// <summary>The order, its outbox row and the key's row committed together: <see cref="PlacementOutcome.Response"/> is the new response.</summary>
    Placed,

    /// <summary>The key was used before for the same request: <see cref="PlacementOutcome.Response"/> is the remembered response; nothing was written.</summary>
    Replayed,

    /// <summary>Another request with the key is in flight right now; nothing was written.</summary>
    KeyInFlight,

    /// <summary>The key was used before for a different request; nothing was written.</summary>
    KeyUsedForAnotherRequest,
}
