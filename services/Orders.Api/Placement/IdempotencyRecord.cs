using Orders.Api.Infrastructure;
namespace Orders.Api.Placement;

/// <summary>
/// A remembered <c>Idempotency-Key</c>: the fingerprint of the first request and the response
/// it got, replayed to every retry with the same key and body until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The client identity the key belongs to (keys are scoped per client).</summary>
    public required string ClientId { get; init; }

    /// <summary>The header value.</summary>
    public required string Key { get; init; }

    /// <summary>SHA-256 of the normalized request.</summary>
    public required byte[] RequestHash { get; init; }

    /// <summary>HTTP status of the stored response.</summary>
    public int StatusCode { get; init; }

    /// <summary>Location header of the stored response, if any.</summary>
    public string? Location { get; init; }

    /// <summary>The stored response body (JSON, UTF-8).</summary>
    public required byte[] ResponseBody { get; init; }

    /// <summary>When the first request was handled.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this the key is treated as absent, and purged.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
