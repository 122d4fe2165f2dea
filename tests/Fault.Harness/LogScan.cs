using System.Text.Json;

namespace Fault.Harness;

/// <summary>
/// What the services' own checks reported in their JSON logs: the consumer host logs a
/// sequence anomaly (<c>Sequence {Check} for aggregate ...</c>, Check = Gap or Behind) for
/// every applied event whose aggregate sequence is not the next one expected.
/// </summary>
public sealed record LogScan(long OutOfOrder, long Gaps)
{
    /// <summary>Reads every log file; lines that are not JSON (a line cut by a kill, the supervisor's own) are skipped.</summary>
    public static LogScan Read(IEnumerable<string> logFiles)
    {
        ArgumentNullException.ThrowIfNull(logFiles);
        long behind = 0, gaps = 0;
        foreach (var file in logFiles)
        {
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            while (reader.ReadLine() is { } line)
            {
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

        return new LogScan(behind, gaps);
    }
}
