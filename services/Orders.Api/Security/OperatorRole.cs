using System.Security.Claims;

namespace Orders.Api.Security;

/// <summary>
/// The operator role: reads and cancels every order and reads <c>/stats</c>; every other caller
/// sees only its own orders. Held by a caller of an operator API key (<c>Auth:OperatorKeys</c>) or
/// of a JWT carrying <see cref="Name"/> as a role (in <c>Auth:Jwt:RoleClaim</c>, default
/// <c>roles</c>) or as a scope (in <c>scope</c>, RFC 9068, or <c>scp</c>, space-separated).
/// </summary>
public static class OperatorRole
{
    /// <summary>The role and scope value that makes an operator.</summary>
    public const string Name = "orders.operator";

    /// <summary>Authorization policy of operator-only endpoints.</summary>
    public const string Policy = "OrdersOperator";

    private static readonly string[] ScopeClaims = ["scope", "scp"];

    /// <summary>True when <paramref name="user"/> holds the role, as a role (API key or token) or as a token scope.</summary>
    public static bool IsHeldBy(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        // IsInRole reads each identity's own role claim type: ClaimTypes.Role for API keys,
        // Auth:Jwt:RoleClaim for tokens.
        return user.Identity is { IsAuthenticated: true }
            && (user.IsInRole(Name) || user.Claims.Any(c => ScopeClaims.Contains(c.Type, StringComparer.Ordinal)
                && c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(Name, StringComparer.Ordinal)));
    }
}
