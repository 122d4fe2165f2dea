using System.Diagnostics;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// The platform's trace sources and meter names, declared once. Every process listens to (and
/// exports, when OTLP is configured) exactly these; see docs/operations.md, "Observability".
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>Source and meter of the outbox relay (spans <c>outbox publish {topic}</c>).</summary>
    public const string RelayName = "Platform.Relay";

    /// <summary>Source and meter of the consumer host (spans <c>{consumer} process {eventType}</c>).</summary>
    public const string MessagingName = "Platform.Messaging";

    /// <summary>ASP.NET Core's own source: one server span per HTTP request.</summary>
    public const string AspNetCoreName = "Microsoft.AspNetCore";

    /// <summary>ASP.NET Core's request meter (<c>http.server.request.duration</c>).</summary>
    public const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>Every trace source a platform process records.</summary>
    public static IReadOnlyList<string> SourceNames { get; } = [AspNetCoreName, RelayName, MessagingName];

    /// <summary>Every meter a platform process exports.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [AspNetCoreHostingMeter, RelayName, MessagingName];

    // Declared after the name lists: creating a source calls every listener's ShouldListenTo,
    // which reads SourceNames, so it must be initialised first.
    /// <summary>Spans of the outbox relay.</summary>
    public static ActivitySource Relay { get; } = new(RelayName);

    /// <summary>Spans of the consumer host.</summary>
    public static ActivitySource Messaging { get; } = new(MessagingName);

    /// <summary>
    /// Parses a W3C <c>traceparent</c> (https://www.w3.org/TR/trace-context/#traceparent-header)
    /// into a remote parent context; false when absent or malformed, so a bad header starts a new
    /// trace instead of failing the record.
    /// </summary>
    public static bool TryParseTraceParent(string? traceParent, out ActivityContext context)
    {
        context = default;
        return !string.IsNullOrEmpty(traceParent) && ActivityContext.TryParse(traceParent, null, isRemote: true, out context);
    }
}
