using System.Globalization;

namespace Platform.Cli.Commands.Connectors;

/// <summary>Parses durations such as <c>120s</c>, <c>5m</c>, <c>500ms</c> or <c>00:02:00</c>.</summary>
internal static class Duration
{
    public static TimeSpan Parse(string option, string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (text, double.NaN);
        if (!double.IsNaN(unit) && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return TimeSpan.FromSeconds(value * unit);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new BadInputException($"{option} {text} is not a duration (e.g. 120s, 5m, 500ms)");
    }
}
