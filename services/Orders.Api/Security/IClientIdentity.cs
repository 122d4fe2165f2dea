using Microsoft.AspNetCore.Http;
using Orders.Api.Infrastructure;

namespace Orders.Api.Security;

/// <summary>
/// Who is calling, for scoping Idempotency-Keys: two clients that happen to pick the same key
/// must not see each other's responses. Implemented by <see cref="PrincipalClientIdentity"/>.
/// </summary>
public interface IClientIdentity
{
    /// <summary>A stable id of the caller of <paramref name="context"/>, at most 256 characters.</summary>
    string Identify(HttpContext context);
}
