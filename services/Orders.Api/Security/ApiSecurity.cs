using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Settings;

namespace Orders.Api.Security;

/// <summary>
/// Authentication for the API: every endpoint requires an authenticated caller through the
/// fallback policy (endpoints opt out explicitly with AllowAnonymous: health and the OpenAPI
/// document). Callers present an API key (<c>X-Api-Key</c>) or, when an issuer is configured, a
/// JWT bearer token. The principal's name scopes its Idempotency-Keys and owns the orders it
/// places; the <see cref="OperatorRole"/> policy guards what only operators may do.
/// </summary>
public static class ApiSecurity
{
    private const string Selector = "ApiKeyOrBearer";

    /// <summary>Registers the schemes, the fallback and operator policies and <see cref="AuthOptions"/> (validated at start).</summary>
    public static IServiceCollection AddApiSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateSettings(AuthOptions.Section);
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Jwt.Authority)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeys.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeys.Scheme, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            var settings = auth.Value.Jwt;
            jwt.Authority = settings.Authority;
            jwt.Audience = settings.Audience;
            jwt.RequireHttpsMetadata = !settings.AllowHttpAuthority;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.NameClaimType = settings.NameClaim;
            jwt.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(OperatorRole.Policy, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => OperatorRole.IsHeldBy(context.User)));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, OperatorOnlyResultHandler>();
        return services;
    }
}
