using System.Globalization;

namespace Orders.Benchmarks;

/// <summary>
/// CPU time used so far by one PostgreSQL cluster: its postmaster, the backends alive now, and
/// those that have exited (their time is added to the postmaster's children time when it reaps
/// them). Read from /proc.
/// </summary>
internal sealed class ServerCpu(int postmaster)
{
    // USER_HZ: the unit of /proc/<pid>/stat's times on Linux (100 on every mainstream kernel).
    private const double TicksPerSecond = 100;

    /// <summary>The cluster listening on <paramref name="port"/>; null where /proc does not show it.</summary>
    public static ServerCpu? Find(int port) =>
        OperatingSystem.IsLinux() && FindPostmaster(port) is { } postmaster ? new ServerCpu(postmaster) : null;

    public TimeSpan Read()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || Stat(pid) is not { } stat)
            {
                continue;
            }

            if (pid == postmaster)
            {
                ticks += stat.User + stat.System + stat.ChildrenUser + stat.ChildrenSystem;
            }
            else if (stat.Parent == postmaster)
            {
                ticks += stat.User + stat.System;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    // The postmaster is the process started as ".../postgres ... -p {port} ...".
    private static int? FindPostmaster(int port)
    {
        var portArgument = port.ToString(CultureInfo.InvariantCulture);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (arguments.Length > 2 && arguments[0].EndsWith("/postgres", StringComparison.Ordinal)
                    && arguments.Zip(arguments.Skip(1)).Any(pair => pair.First == "-p" && pair.Second == portArgument))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return null;
    }

    private static (int Parent, long User, long System, long ChildrenUser, long ChildrenSystem)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        static long At(string[] fields, int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture);
        return ((int)At(fields, 4), At(fields, 14), At(fields, 15), At(fields, 16), At(fields, 17));
    }
}
