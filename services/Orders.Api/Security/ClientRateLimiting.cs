using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Settings;

namespace Orders.Api.Security;

/// <summary>
/// Per-client rate limits with ASP.NET Core's rate limiter: <see cref="AddClientRateLimits"/>
/// registers the settings (validated at start) and the policy; endpoints opt in with
/// <see cref="RequireClientRateLimit{TBuilder}"/>, which also lists the 429 in their OpenAPI
/// metadata. The middleware (<c>UseRateLimiter</c>) goes after authorization.
/// </summary>
public static class ClientRateLimiting
{
    /// <summary>Name of the rate limiter policy.</summary>
    public const string Policy = "PerClient";

    /// <summary>Registers <see cref="RateLimitOptions"/> and the per-client policy.</summary>
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                var section = configuration.GetSection(RateLimitOptions.Section);
                section.GetSection(nameof(RateLimitOptions.Default)).Bind(options.Default);
                // A client's section starts from the default limit and overrides what it names.
                foreach (var client in section.GetSection(nameof(RateLimitOptions.Clients)).GetChildren())
                {
                    var limit = options.Default.Copy();
                    client.Bind(limit);
                    options.Clients[client.Key] = limit;
                }
            })
            .ValidateSettings(RateLimitOptions.Section);
        services.AddSingleton<IValidateOptions<RateLimitOptions>, ClientSectionsValidator>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, ClientRateLimitPolicy>(Policy);
        });
        return services;
    }

    /// <summary>Limits <paramref name="builder"/>'s endpoints per client, and lists their 429 answer.</summary>
    public static TBuilder RequireClientRateLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(Policy).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// A misspelled key in a client's section (<c>RateLimits:Clients:shop:TokenLimt</c>) is
    /// refused, as in every section the platform owns: the binder would ignore it.
    /// </summary>
    private sealed class ClientSectionsValidator(IConfiguration configuration) : IValidateOptions<RateLimitOptions>
    {
        public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
        {
            var path = $"{RateLimitOptions.Section}:{nameof(RateLimitOptions.Clients)}";
            var failures = configuration.GetSection(path).GetChildren()
                .SelectMany(client => UnknownSettings.In(configuration, $"{path}:{client.Key}", typeof(ClientRateLimit)))
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
