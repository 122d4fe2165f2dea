using Npgsql;

namespace Platform.Messaging.Consuming;

/// <summary>Tells failures of the infrastructure, which pass by themselves, from failures of a record.</summary>
public static class TransientFailure
{
    /// <summary>
    /// True when <paramref name="exception"/> or one of its inner exceptions is one Npgsql calls
    /// transient: a connection that could not be opened or was cut, a server shutting down or not
    /// yet accepting connections (57P01, 57P03), a serialization failure or deadlock, a timeout.
    /// EF Core wraps these (DbUpdateException, "transient failure" InvalidOperationException),
    /// so the whole chain is searched.
    /// </summary>
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
