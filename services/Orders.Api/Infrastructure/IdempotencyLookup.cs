namespace Orders.Api.Infrastructure;

/// <summary>What the database knows about an Idempotency-Key, seen from inside the request's transaction.</summary>
/// <param name="InFlight">Another transaction holds the key right now (a concurrent retry).</param>
/// <param name="Stored">The remembered response of an earlier request, or null when the key is new (or expired).</param>
public readonly record struct IdempotencyLookup(bool InFlight, StoredResponse? Stored);
