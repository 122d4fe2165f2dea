using System.ComponentModel.DataAnnotations;

namespace Orders.Api.Security;

/// <summary>
/// Per-client rate limits (configuration section <c>RateLimits</c>): every client (the
/// authenticated principal, operators included) has a token bucket of its own, configured by
/// <c>RateLimits:Clients:{client}</c> where given, else by <c>RateLimits:Default</c>; a client's
/// section overrides only the settings it names. Validated at start: a bad value stops the host
/// naming the setting.
/// </summary>
public sealed class RateLimitOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "RateLimits";

    /// <summary>The limit of every client without a section of its own.</summary>
    public ClientRateLimit Default { get; set; } = new();

    /// <summary>Limits by client name (the principal's name: the API key's client, the token's name claim).</summary>
    public Dictionary<string, ClientRateLimit> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>The limit of <paramref name="client"/>, and the name of the setting it comes from.</summary>
    public (ClientRateLimit Limit, string Setting) For(string client) =>
        Clients.TryGetValue(client, out var own)
            ? (own, $"{Section}:{nameof(Clients)}:{client}")
            : (Default, $"{Section}:{nameof(Default)}");

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var failures = Default.Failures($"{Section}:{nameof(Default)}")
            .Concat(Clients.SelectMany(client => client.Value.Failures($"{Section}:{nameof(Clients)}:{client.Key}")));
        foreach (var failure in failures)
        {
            yield return new ValidationResult(failure, [nameof(Clients)]);
        }
    }
}
