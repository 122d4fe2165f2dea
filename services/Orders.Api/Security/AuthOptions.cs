using System.ComponentModel.DataAnnotations;

namespace Orders.Api.Security;

/// <summary>
/// Who may call the API (configuration section <c>Auth</c>). At least one way in must be
/// configured: the API never runs open. Validated at start; a bad value stops the host naming it.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>
    /// API keys by client name: <c>Auth:ApiKeys:{client}</c> = the key's SHA-256 as 64 hex digits
    /// (<see cref="ApiKeys.Hash"/>; <c>platform apikey</c> makes one). Only hashes are configured,
    /// so configuration files and environment dumps never hold a usable key. The client name is
    /// the principal's name, which scopes its Idempotency-Keys.
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>JWT bearer tokens from an OpenID Connect issuer (optional).</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKeys.Count == 0 && string.IsNullOrWhiteSpace(Jwt.Authority))
        {
            yield return new ValidationResult(
                "Auth: configure at least one API key (Auth:ApiKeys:{client} = SHA-256 of the key, hex) or a JWT issuer (Auth:Jwt:Authority).",
                [nameof(ApiKeys)]);
        }

        foreach (var (client, hash) in ApiKeys)
        {
            if (client.Length is 0 or > 256)
            {
                yield return new ValidationResult($"Auth:ApiKeys: a client name must be 1 to 256 characters ('{client}').", [nameof(ApiKeys)]);
            }

            if (!Security.ApiKeys.IsHash(hash))
            {
                yield return new ValidationResult($"Auth:ApiKeys:{client} must be the key's SHA-256 as 64 hex digits, not the key itself.", [nameof(ApiKeys)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(Jwt.Authority))
        {
            if (!Uri.TryCreate(Jwt.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && !Jwt.AllowHttpAuthority))
            {
                yield return new ValidationResult($"Auth:Jwt:Authority must be an https URL ('{Jwt.Authority}').", [nameof(Jwt)]);
            }

            if (string.IsNullOrWhiteSpace(Jwt.Audience))
            {
                yield return new ValidationResult("Auth:Jwt:Audience is required with Auth:Jwt:Authority.", [nameof(Jwt)]);
            }
        }
    }
}

/// <summary>JWT bearer settings (<c>Auth:Jwt</c>).</summary>
public sealed class JwtOptions
{
    /// <summary>OpenID Connect issuer; its discovery document supplies the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for.</summary>
    public string? Audience { get; set; }

    /// <summary>Claim whose value names the principal (scopes Idempotency-Keys); default <c>sub</c>.</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>Allows an http authority (a development issuer only).</summary>
    public bool AllowHttpAuthority { get; set; }
}
