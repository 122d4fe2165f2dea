namespace Platform.Local;

/// <summary>Locates the PostgreSQL server binaries (initdb, pg_ctl) on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>Environment variable that overrides where the server binaries are.</summary>
    public const string BinDirVariable = "PLATFORM_PG_BIN";

    /// <summary>The fix to print when no server binaries are found.</summary>
    public const string InstallHint =
        "install PostgreSQL (apt-get install -y postgresql), set " + BinDirVariable +
        " to its bin folder";

    /// <summary>Returns the folder holding initdb and pg_ctl, or null when none is installed.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(BinDirVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        // Highest installed major version wins.
        return Directory.GetDirectories(debianRoot)
            .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
            .Where(x => x.version > 0 && File.Exists(Path.Combine(x.dir, "bin", "initdb")))
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "bin"))
            .FirstOrDefault();
    }
}
