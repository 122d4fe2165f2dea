namespace Platform.Testing;

/// <summary>Unique names for per-test resources (databases, topics, slots, consumer groups).</summary>
public static class TestNames
{
    /// <summary>
    /// <paramref name="purpose"/> lower-cased, reduced to [a-z0-9_-], plus a random suffix;
    /// valid as a PostgreSQL identifier (after replacing '-') and as a Kafka topic name.
    /// </summary>
    public static string Unique(string purpose, int maxLength = 100)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var cleaned = new string(purpose.ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        var suffix = "_" + Guid.NewGuid().ToString("N")[..10];
        var room = maxLength - suffix.Length - 2;
        if (cleaned.Length > room)
        {
            cleaned = cleaned[..room];
        }

        return "t_" + cleaned + suffix;
    }
}
