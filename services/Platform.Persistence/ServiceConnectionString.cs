using System.Data.Common;
using Npgsql;

namespace Platform.Persistence;

/// <summary>Defaults every service applies to its database connection string.</summary>
public static class ServiceConnectionString
{
    /// <summary>
    /// <paramref name="connectionString"/> with the service's defaults where it sets nothing:
    /// automatic preparation of the few statements every request runs (less parsing and planning
    /// in PostgreSQL, which shares the CPU), and no session reset on returning a connection to the
    /// pool (the service sets no session state; its advisory locks are transaction-scoped).
    /// An empty or unparsable value is returned as is, for validation to report.
    /// </summary>
    public static string WithDefaults(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "";
        }

        NpgsqlConnectionStringBuilder builder;
        HashSet<string> given;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
            // Npgsql's builder claims every known keyword; the plain one lists only those written.
            given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
                .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return connectionString;
        }

        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
