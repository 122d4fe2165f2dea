using System.Net.Sockets;
using Npgsql;

namespace Platform.Persistence;

/// <summary>
/// Tells a database that cannot be reached from a failure of the work itself. Only the first
/// says nothing about the work: a consumer retries it without counting the attempt towards
/// its MaxAttempts, and a service's start waits it out (<see cref="DatabaseStartup"/>).
/// Serialization failures, deadlocks and timeouts stay bounded by the attempts: a record that
/// always deadlocks or times out must not block its partition forever.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>
    /// True when <paramref name="exception"/> or one of its inner exceptions (EF Core wraps them)
    /// says the database is unreachable: a connection exception (SQLSTATE class 08), a server
    /// shutting down or not yet accepting connections (57P01, 57P02, 57P03), or a connection that
    /// could not be opened or was cut (a socket or I/O error under an <see cref="NpgsqlException"/>).
    /// </summary>
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException { InnerException: IOException or SocketException }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="exception"/> or one of its inner exceptions is the resolver's
    /// authoritative "no such host" for the database's host name (a misspelt host, or a DNS record
    /// that does not exist yet). A resolver that cannot answer (TryAgain) is not this: that is the
    /// database being unreachable.
    /// </summary>
    public static bool IsUnknownHost(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.HostNotFound })
            {
                return true;
            }
        }

        return false;
    }
}
