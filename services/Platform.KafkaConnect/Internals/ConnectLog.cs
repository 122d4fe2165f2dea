using Microsoft.Extensions.Logging;

namespace Platform.KafkaConnect.Internals;

/// <summary>Structured log events of the Connect client (source-generated, no interpolation).</summary>
internal static partial class ConnectLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Kafka Connect answered 409 to {Method} {Path} (retry {Attempt} of {MaxRetries} in {Delay}): {ConnectMessage}")]
    public static partial void RetryingConflict(ILogger logger, string method, string path, int attempt, int maxRetries, TimeSpan delay, string connectMessage);
}
