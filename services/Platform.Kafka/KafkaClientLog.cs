using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Platform.Kafka;

/// <summary>librdkafka's log levels as .NET log levels, so a client's own lines join the host's structured logs.</summary>
public static class KafkaClientLog
{
    public static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        <= SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
