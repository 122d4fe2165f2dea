namespace Platform.KafkaConnect;

/// <summary>One error reported by the plugin validate endpoint for one config key.</summary>
/// <param name="Key">The config key (<c>configs[].value.name</c>).</param>
/// <param name="Message">One entry of <c>configs[].value.errors</c>.</param>
public sealed record ConfigError(string Key, string Message);
