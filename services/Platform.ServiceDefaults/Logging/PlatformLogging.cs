using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Json;

namespace Platform.ServiceDefaults.Logging;

/// <summary>
/// Structured JSON logs through Serilog. Configured from the <c>Serilog</c> section
/// (Serilog.Settings.Configuration: <c>MinimumLevel</c>, <c>WriteTo</c>, <c>Enrich</c>, ...);
/// without a <c>Serilog:WriteTo</c> entry, one JSON object per line to the console. Every event
/// written inside a span carries its <c>TraceId</c> and <c>SpanId</c> (Serilog takes them from
/// <see cref="System.Diagnostics.Activity.Current"/> when the event is created).
/// </summary>
public static class PlatformLogging
{
    /// <summary>The JSON layout of the default console sink: message template, rendered message, properties, trace and span ids.</summary>
    public static JsonFormatter Formatter() => new(renderMessage: true);

    /// <summary>The Serilog logger <paramref name="configuration"/> describes.</summary>
    public static Serilog.Core.Logger CreateLogger(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration);
        if (!configuration.GetSection("Serilog:WriteTo").GetChildren().Any())
        {
            logger.WriteTo.Console(Formatter());
        }

        return logger.CreateLogger();
    }

    /// <summary>
    /// Replaces the host's log providers with Serilog; the <c>Logging:LogLevel</c> filters keep
    /// applying. The logger is flushed and disposed with the host's logger factory.
    /// </summary>
    public static ILoggingBuilder AddPlatformJsonLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddSerilog(CreateLogger(configuration), dispose: true);
        return logging;
    }
}
