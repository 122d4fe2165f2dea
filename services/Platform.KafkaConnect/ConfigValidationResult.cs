namespace Platform.KafkaConnect;

/// <summary>
/// The answer of <c>PUT /connector-plugins/{class}/config/validate</c>: <c>error_count</c> and
/// the errors flattened from <c>configs[].value.errors</c>.
/// </summary>
/// <param name="ErrorCount">Connect's own <c>error_count</c>.</param>
/// <param name="Errors">Every error with its key.</param>
public sealed record ConfigValidationResult(int ErrorCount, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>True when Connect reported no errors.</summary>
    public bool IsValid => ErrorCount == 0;
}
