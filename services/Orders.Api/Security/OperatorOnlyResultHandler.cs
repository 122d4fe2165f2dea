using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Orders.Api.Http;

namespace Orders.Api.Security;

/// <summary>
/// Answers an authenticated caller that a policy refuses (an endpoint for operators only) with 403
/// problem details naming the credential it sent, instead of an empty 403. Everything else (a
/// challenge for a missing or bad credential: 401 by the scheme) is the default handler's.
/// </summary>
internal sealed class OperatorOnlyResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var credential = context.User.Identity?.AuthenticationType == ApiKeys.Scheme ? ApiKeys.Header : "Authorization";
        return Problems.Field(StatusCodes.Status403Forbidden, "Operators only.", credential,
            $"This endpoint is for operators: an operator API key (Auth:OperatorKeys) or a token with the role or scope '{OperatorRole.Name}'.")
            .ExecuteAsync(context);
    }
}
