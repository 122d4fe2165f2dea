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

    /// <summary>
    /// Operator API keys by operator name: <c>Auth:OperatorKeys:{operator}</c> = the key's SHA-256
    /// as 64 hex digits, as for <see cref="ApiKeys"/>. The caller gets the operator role
    /// (<see cref="OperatorRole"/>): it reads and cancels every order and reads <c>/stats</c>.
    /// </summary>
    public Dictionary<string, string> OperatorKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>JWT bearer tokens from an OpenID Connect issuer (optional).</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ApiKeys.Count == 0 && OperatorKeys.Count == 0 && string.IsNullOrWhiteSpace(Jwt.Authority))
        {
            yield return new ValidationResult(
                "Auth: configure at least one API key (Auth:ApiKeys:{client} = SHA-256 of the key, hex) or a JWT issuer (Auth:Jwt:Authority).",
                [nameof(ApiKeys)]);
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, keys) in new[] { (nameof(ApiKeys), ApiKeys), (nameof(OperatorKeys), OperatorKeys) })
        {
            foreach (var (client, hash) in keys)
            {
                var path = $"{Section}:{section}:{client}";
                if (client.Length is 0 or > 256)
                {
                    yield return new ValidationResult($"{Section}:{section}: a client name must be 1 to 256 characters ('{client}').", [section]);
                }

                if (!Security.ApiKeys.IsHash(hash))
                {
                    yield return new ValidationResult($"{path} must be the key's SHA-256 as 64 hex digits, not the key itself.", [section]);
                }
                else if (!seen.TryAdd(hash, path))
                {
                    // One key must name one principal: the same key under two names would make
                    // its caller's identity (and role) depend on the order of the configuration.
                    yield return new ValidationResult($"{path} holds the same key as {seen[hash]}: give each client its own key.", [section]);
                }
            }
        }

        foreach (var client in OperatorKeys.Keys.Where(ApiKeys.ContainsKey))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(OperatorKeys)}:{client} names a client of {Section}:{nameof(ApiKeys)} too: an operator needs a name of its own, or its orders and a client's would mix.",
                [nameof(OperatorKeys)]);
        }

        if (string.IsNullOrWhiteSpace(Jwt.NameClaim) || string.IsNullOrWhiteSpace(Jwt.RoleClaim))
        {
            yield return new ValidationResult("Auth:Jwt:NameClaim and Auth:Jwt:RoleClaim must not be empty.", [nameof(Jwt)]);
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

    /// <summary>Claim whose value names the principal (scopes Idempotency-Keys, owns orders); default <c>sub</c>.</summary>
    public string NameClaim { get; set; } = "sub";

    /// <summary>
    /// Claim holding the caller's roles (one claim per role, or a JSON array); default <c>roles</c>
    /// (Microsoft Entra ID app roles). The role <see cref="OperatorRole.Name"/> makes an operator,
    /// as does that scope in <c>scope</c> or <c>scp</c>.
    /// </summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Allows an http authority (a development issuer only).</summary>
    public bool AllowHttpAuthority { get; set; }
}
