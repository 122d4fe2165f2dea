using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Bench.Suite;

/// <summary>What the figures were measured on: read from the OS, the runtime and the tools themselves.</summary>
public static class MachineFacts
{
    /// <summary>PostgreSQL binaries the benchmarks start (Debian's postgresql-15).</summary>
    private const string Postgres = "/usr/lib/postgresql/15/bin/postgres";

    /// <summary>Cores, memory, CPU, OS, .NET runtime, PostgreSQL and librdkafka versions, and the load average now.</summary>
    public static Dictionary<string, string> Collect() => new(StringComparer.Ordinal)
    {
        ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        ["memory"] = Memory(),
        ["cpu"] = FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ["os"] = $"{RuntimeInformation.OSDescription}, kernel {Environment.OSVersion.Version}",
        [".NET runtime"] = RuntimeInformation.FrameworkDescription,
        ["PostgreSQL"] = Run(Postgres, "--version") ?? "not found at " + Postgres,
        ["librdkafka"] = Librdkafka(),
        ["load average at start"] = LoadAverage(),
    };

    /// <summary>1, 5 and 15 minute load averages (/proc/loadavg): how busy the machine was with other work.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Memory()
    {
        var total = FirstValue("/proc/meminfo", "MemTotal");
        return total is not null && long.TryParse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture, out var kb)
            ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1_048_576.0:0.0} GiB")
            : "unknown";
    }

    private static string Librdkafka()
    {
        try
        {
            return Confluent.Kafka.Library.VersionString;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return "not loadable: " + ex.Message;
        }
    }

    private static string? FirstValue(string file, string key, char separator = ':')
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }

    private static string? Run(string file, string arguments)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true });
        var output = process?.StandardOutput.ReadToEnd().Trim();
        process?.WaitForExit();
        return output;
    }
}
