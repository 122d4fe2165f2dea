namespace Platform.Persistence.Outbox;

/// <summary>
/// The current W3C trace context in the text form of java.util.Properties, which is what
/// Debezium's outbox tracing (<c>tracing.span.context.field</c>) reads from the outbox row.
/// </summary>
public static class TraceContext
{
    /// <summary><c>traceparent=00-trace-span-flags</c> (plus <c>tracestate</c> when given), or null without a traceparent.</summary>
    public static string? AsProperties(string? traceParent, string? traceState)
    {
        if (string.IsNullOrEmpty(traceParent))
        {
            return null;
        }

        var text = "traceparent=" + traceParent;
        return string.IsNullOrEmpty(traceState) ? text : text + "\ntracestate=" + Escape(traceState);
    }

    /// <summary>Reads <c>traceparent</c> back from the Properties text, or null.</summary>
    public static string? TraceParentFrom(string? properties)
    {
        if (string.IsNullOrEmpty(properties))
        {
            return null;
        }

        foreach (var line in properties.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("traceparent=", StringComparison.Ordinal) || trimmed.StartsWith("traceparent:", StringComparison.Ordinal))
            {
                return trimmed["traceparent=".Length..];
            }
        }

        return null;
    }

    // Properties.store escapes these in values.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal)
             .Replace(":", "\\:", StringComparison.Ordinal).Replace("#", "\\#", StringComparison.Ordinal)
             .Replace("!", "\\!", StringComparison.Ordinal);
}
