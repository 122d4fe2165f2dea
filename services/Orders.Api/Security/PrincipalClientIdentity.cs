using Microsoft.AspNetCore.Http;
using Orders.Api.Infrastructure;

namespace Orders.Api.Security;

/// <summary>
/// The authenticated principal's name (the API key's client, or the token's name claim). The
/// fallback authorization policy lets no unauthenticated request reach an endpoint, so two
/// callers never share a key space.
/// </summary>
public sealed class PrincipalClientIdentity : IClientIdentity
{
    /// <inheritdoc />
    public string Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("An Idempotency-Key was used without an authenticated caller; the fallback authorization policy must be in place.");
    }
}
