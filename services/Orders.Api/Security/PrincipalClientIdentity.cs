using Microsoft.AspNetCore.Http;

namespace Orders.Api.Security;

/// <summary>
/// The authenticated principal's name (the API key's client, or the token's name claim). The
/// fallback authorization policy lets no unauthenticated request reach an endpoint, so two
/// callers never share a key space, and no caller is ever the empty name of unowned orders.
/// </summary>
public sealed class PrincipalClientIdentity : IClientIdentity
{
    /// <inheritdoc />
    public string Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("A caller was identified without being authenticated; the fallback authorization policy must be in place.");
    }

    /// <inheritdoc />
    public bool IsOperator(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OperatorRole.IsHeldBy(context.User);
    }
}
