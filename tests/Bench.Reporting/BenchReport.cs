using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bench.Reporting;

/// <summary>
/// The report file a benchmark program appends its figures to when started with
/// <c>--report FILE</c>: JSON Lines, one <see cref="BenchRecord"/> per line, so several programs
/// (or several rounds of one) can add to the same file. The suite reads it back.
/// </summary>
public static class BenchReport
{
    /// <summary>The option naming the report file.</summary>
    public const string Option = "--report";

    /// <summary>camelCase, NaN and infinities as their names (JSON has no literal for them).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Removes <c>--report FILE</c> from <paramref name="args"/>, so each program parses the rest as
    /// before; returns the file, or null when the option is absent.
    /// </summary>
    public static string? TakeOption(ref string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, Option);
        if (index < 0)
        {
            return null;
        }

        if (index + 1 >= args.Length)
        {
            throw new ArgumentException($"{Option} needs a file name.");
        }

        var path = args[index + 1];
        args = [.. args[..index], .. args[(index + 2)..]];
        return path;
    }

    /// <summary>Appends <paramref name="records"/> to <paramref name="path"/> (nothing when null).</summary>
    public static void Append(string? path, IEnumerable<BenchRecord> records)
    {
        if (path is null)
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.AppendAllLines(path, records.Select(r => JsonSerializer.Serialize(r, Json)));
    }

    /// <summary>Reads every record of <paramref name="path"/>; none when it does not exist.</summary>
    public static IReadOnlyList<BenchRecord> Read(string path) =>
        File.Exists(path)
            ? [.. File.ReadLines(path).Where(line => !string.IsNullOrWhiteSpace(line)).Select(line => JsonSerializer.Deserialize<BenchRecord>(line, Json)!)]
            : [];
}
