using System.Text.Json;

namespace Fault.Harness;

/// <summary>
/// What the services' own checks reported in their JSON logs: the consumer host logs a
/// sequence anomaly (<c>Sequence {Check} for aggregate ...</c>, Check = Gap or Behind) for
/// every applied event whose aggregate sequence is not the next one expected. And whether a
/// secret the processes were given appears in any line they wrote (it must not).
/// </summary>
public sealed record LogScan(long OutOfOrder, long Gaps, long SecretLines)
{
    /// <summary>
    /// Reads every log file; lines that are not JSON (a line cut by a kill, the supervisor's own)
    /// are skipped by the sequence count, and searched for <paramref name="secrets"/> like every other line.
    /// </summary>
    public static LogScan Read(IEnumerable<string> logFiles, IReadOnlyCollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(logFiles);
        ArgumentNullException.ThrowIfNull(secrets);
        long behind = 0, gaps = 0, secretLines = 0;
        foreach (var file in logFiles)
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            while (reader.ReadLine() is { } line)
            {
                if (secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal)))
                {
                    secretLines++;
                }

                if (!line.StartsWith('{'))
                {
                    continue;
                }

                try
                {
                    using var json = JsonDocument.Parse(line);
                    var template = json.RootElement.TryGetProperty("MessageTemplate", out var t) ? t.GetString() ?? "" : "";
                    if (template.StartsWith("Sequence {Check}", StringComparison.Ordinal))
                    {
                        var check = json.RootElement.GetProperty("Properties").GetProperty("Check").GetString();
                        if (check == "Behind")
                        {
                            behind++;
                        }
                        else
                        {
                            gaps++;
                        }
                    }
                }
                catch (JsonException)
                {
                    // A line cut short by SIGKILL.
                }
            }
        }

        return new LogScan(behind, gaps, secretLines);
    }
}
