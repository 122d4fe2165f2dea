using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>Refuses an OTLP endpoint that is not an absolute http(s) URL, or an unknown protocol, naming the setting.</summary>
public sealed class OtlpOptionsValidator : IValidateOptions<OtlpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OtlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Enabled && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{options.EndpointSetting} must be an absolute http or https URL (e.g. http://collector:4317), not '{options.Endpoint}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.Protocol) && !options.IsHttp && !string.Equals(options.Protocol, "grpc", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Otlp:Protocol must be 'grpc' or 'http/protobuf', not '{options.Protocol}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
