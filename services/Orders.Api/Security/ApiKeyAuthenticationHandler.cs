using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orders.Api.Http;

namespace Orders.Api.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c>: the principal is the client the key was configured for, with
/// the <see cref="OperatorRole"/> when it is an operator key (<c>Auth:OperatorKeys</c>). No
/// header: no result (another scheme may still authenticate, else the fallback policy answers
/// 401). A wrong key: failure. The key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Both lists are searched whatever the key, so the time taken does not tell which holds it.
        var presented = values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!)) : null;
        var client = presented is null ? null : ApiKeys.FindClient(auth.Value.ApiKeys, presented);
        var @operator = presented is null ? null : ApiKeys.FindClient(auth.Value.OperatorKeys, presented);
        if ((@operator ?? client) is not { } name)
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {ApiKeys.Header} header does not hold a known API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], ApiKeys.Scheme);
        if (@operator is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, OperatorRole.Name));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeys.Scheme)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.Append("WWW-Authenticate", $"{ApiKeys.Scheme} header=\"{ApiKeys.Header}\"");
        var message = result.Failure?.Message ?? $"Send an API key in the {ApiKeys.Header} header (or a bearer token in Authorization).";
        await Problems.Field(StatusCodes.Status401Unauthorized, "Authentication required.", ApiKeys.Header, message).ExecuteAsync(Context);
    }
}
