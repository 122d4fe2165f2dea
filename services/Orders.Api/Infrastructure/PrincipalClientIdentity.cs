using Microsoft.AspNetCore.Http;

namespace Orders.Api.Infrastructure;

/// <summary>
/// The authenticated principal's name, or <c>anonymous</c> while the service has no
/// authentication (then every caller shares one key space).
/// </summary>
public sealed class PrincipalClientIdentity : IClientIdentity
{
    /// <summary>Client id of unauthenticated callers.</summary>
    public const string Anonymous = "anonymous";

    /// <inheritdoc />
    public string Identify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = context.User.Identity;
        return identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
    }
}
