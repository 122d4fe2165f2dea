using Orders.Api.Infrastructure;
namespace Orders.Api.Placement;

/// <summary>The response remembered for an Idempotency-Key, with the fingerprint of the request that got it.</summary>
/// <param name="RequestHash">SHA-256 of the normalized first request.</param>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Location">Location header, if any.</param>
/// <param name="Body">JSON body, UTF-8.</param>
public sealed record StoredResponse(byte[] RequestHash, int StatusCode, string? Location, byte[] Body);
