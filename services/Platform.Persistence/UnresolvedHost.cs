using System.Diagnostics;
using Npgsql;

namespace Platform.Persistence;

/// <summary>
/// Tells when a database host name that does not resolve has been tried for long enough to be
/// taken for a misspelt setting: a DNS record may appear only once its database is up (a
/// StatefulSet's headless service), so "no such host" is waited for, but only for
/// <paramref name="patience"/> of consecutive such failures. Used by a service's start
/// (<see cref="DatabaseStartup"/>) and the relay's.
/// </summary>
public sealed class UnresolvedHost(TimeSpan patience)
{
    private Stopwatch? _since;

    /// <summary>True once the failures observed have been "no such host" for the patience given.</summary>
    public bool Expired => _since is { } since && since.Elapsed >= patience;

    /// <summary>
    /// Observes a failed attempt: true when it is the resolver's "no such host"
    /// (<see cref="DatabaseUnavailable.IsUnknownHost"/>), the time counting from the first of a
    /// series; any other failure ends the series.
    /// </summary>
    public bool Observe(Exception failure)
    {
        if (!DatabaseUnavailable.IsUnknownHost(failure))
        {
            _since = null;
            return false;
        }

        _since ??= Stopwatch.StartNew();
        return true;
    }

    /// <summary>The refusal naming <paramref name="setting"/> and the host of <paramref name="connectionString"/>.</summary>
    public string Refusal(string setting, string connectionString) =>
        $"{setting}: the database host '{Host(connectionString)}' does not resolve (no such host) after {patience.TotalSeconds:0} s of trying; correct the Host of the connection string.";

    /// <summary>The host of <paramref name="connectionString"/>.</summary>
    public static string? Host(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Host;
}
