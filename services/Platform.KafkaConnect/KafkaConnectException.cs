namespace Platform.KafkaConnect;

/// <summary>A failed Kafka Connect request, with a message fit to show an operator.</summary>
/// <param name="kind">The failure class.</param>
/// <param name="message">What went wrong, naming the connector and worker URL.</param>
/// <param name="statusCode">The HTTP status Connect answered with, when it answered.</param>
/// <param name="inner">The underlying transport error, if any.</param>
public sealed class KafkaConnectException(KafkaConnectErrorKind kind, string message, int? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The failure class.</summary>
    public KafkaConnectErrorKind Kind { get; } = kind;

    /// <summary>The HTTP status Connect answered with, when it answered.</summary>
    public int? StatusCode { get; } = statusCode;
}
