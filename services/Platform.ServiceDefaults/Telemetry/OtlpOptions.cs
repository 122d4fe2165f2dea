namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// OTLP export of traces and metrics (configuration section <c>Otlp</c>). Off unless an endpoint
/// is set, in <c>Otlp:Endpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
/// Validated at start by <see cref="OtlpOptionsValidator"/>.
/// </summary>
public sealed class OtlpOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Otlp";

    /// <summary>The standard OpenTelemetry variable read when <c>Otlp:Endpoint</c> is empty.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard OpenTelemetry variable read when <c>Otlp:Protocol</c> is empty.</summary>
    public const string StandardProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>Collector base URL (http or https), e.g. <c>http://collector:4317</c>; empty turns export off.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Where <see cref="Endpoint"/> came from, for error messages.</summary>
    public string EndpointSetting { get; set; } = "Otlp:Endpoint";

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c> (then <c>/v1/traces</c> and <c>/v1/metrics</c> are appended, as the OTLP spec says for a base endpoint).</summary>
    public string? Protocol { get; set; }

    /// <summary>True when export is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>True for <c>http/protobuf</c>.</summary>
    public bool IsHttp => string.Equals(Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase);
}
