using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Relay.Cdc;

namespace Platform.Relay;

/// <summary>
/// One active relay per slot: a session advisory lock keyed by the slot name, taken before
/// START_REPLICATION and held for as long as the session lives. A second relay blocks here and
/// takes over when the first's session ends (a crashed process's socket closes, so the server
/// releases the lock). PostgreSQL's own rule of one active walsender per slot backs this up.
/// </summary>
internal static class SlotLock
{
    /// <summary>
    /// A connection string for the lock session with pooling off: a pooled connection returns to
    /// the pool on Dispose with its session (and so the lock) still alive, so a stopped relay
    /// would keep blocking its successor, and a successor in the same process could re-enter it.
    /// </summary>
    public static string SessionConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "outbox-relay" }.ConnectionString;

    /// <summary>Waits until this session holds the lock for <paramref name="slotName"/>.</summary>
    public static async Task AcquireAsync(NpgsqlConnection connection, string slotName, ILogger logger, CancellationToken cancellationToken)
    {
        var key = "outbox-relay/" + slotName;
        await using (var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection))
        {
            attempt.Parameters.Add(new NpgsqlParameter { Value = key });
            if ((bool)(await attempt.ExecuteScalarAsync(cancellationToken))!)
            {
                logger.LockAcquired(slotName);
                return;
            }
        }

        logger.WaitingForLock(slotName);
        await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, 0))", connection) { CommandTimeout = 0 };
        wait.Parameters.Add(new NpgsqlParameter { Value = key });
        await wait.ExecuteNonQueryAsync(cancellationToken);
        logger.LockAcquired(slotName);
    }
}
