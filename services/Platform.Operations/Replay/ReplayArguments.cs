using System.Globalization;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>Parses the text forms of replay options; malformed text is a <see cref="ReplayExitCode.BadInput"/> refusal naming the option.</summary>
public static class ReplayArguments
{
    /// <summary>An ISO 8601 time with an offset or <c>Z</c> (e.g. <c>2026-11-23T07:00:00Z</c>); null stays null.</summary>
    public static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        // RoundtripKind-like strictness: a time without a zone would silently mean local time.
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > text.IndexOf('T', StringComparison.Ordinal)))
        {
            return time;
        }

        throw new ReplayException(ReplayExitCode.BadInput, $"{option} '{text}' is not an ISO 8601 time with a zone, e.g. 2026-11-23T07:00:00Z.");
    }

    /// <summary><c>name=value</c> pairs into a dictionary.</summary>
    public static Dictionary<string, string> ParseHeaders(IEnumerable<string> pairs, string option)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var split = pair.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new ReplayException(ReplayExitCode.BadInput, $"{option} '{pair}' is not name=value.");
            }

            result[pair[..split]] = pair[(split + 1)..];
        }

        return result;
    }
}
