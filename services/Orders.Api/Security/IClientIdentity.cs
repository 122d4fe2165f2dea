using Microsoft.AspNetCore.Http;

namespace Orders.Api.Security;

/// <summary>
/// Who is calling: the client that owns the orders it places and scopes its Idempotency-Keys (two
/// clients that happen to pick the same key must not see each other's responses), and whether it
/// is an operator. Implemented by <see cref="PrincipalClientIdentity"/>.
/// </summary>
public interface IClientIdentity
{
    /// <summary>A stable id of the caller of <paramref name="context"/>, 1 to 256 characters.</summary>
    string Identify(HttpContext context);

    /// <summary>True when the caller holds the <see cref="OperatorRole"/>: it sees every order.</summary>
    bool IsOperator(HttpContext context);
}
