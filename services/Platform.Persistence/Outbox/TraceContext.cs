using System.Text;

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
    public static string? TraceParentFrom(string? properties) => Read(properties, "traceparent");

    /// <summary>Reads <c>tracestate</c> back from the Properties text (escapes undone, as Properties.load does), or null.</summary>
    public static string? TraceStateFrom(string? properties) => Read(properties, "tracestate");

    // One logical line per key, "key=value" or "key:value" (Properties.load; the line forms
    // AsProperties writes and Debezium's examples use); the last occurrence wins, as in a Properties map.
    private static string? Read(string? properties, string key)
    {
        if (string.IsNullOrEmpty(properties))
        {
            return null;
        }

        string? found = null;
        foreach (var line in properties.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > key.Length && trimmed.StartsWith(key, StringComparison.Ordinal) && trimmed[key.Length] is '=' or ':')
            {
                found = Unescape(trimmed[(key.Length + 1)..].TrimStart());
            }
        }

        return found;
    }

    // Properties.store escapes these in values.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal)
             .Replace(":", "\\:", StringComparison.Ordinal).Replace("#", "\\#", StringComparison.Ordinal)
             .Replace("!", "\\!", StringComparison.Ordinal);

    // Properties.load: a backslash keeps the next character as it is.
    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            text.Append(value[i]);
        }

        return text.ToString();
    }
}
