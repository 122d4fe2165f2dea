using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Orders.Api.Infrastructure;

namespace Orders.Api.Placement;

/// <summary>
/// What the database says about an Idempotency-Key. The key is claimed by the INSERT of its row,
/// in the same statement batch as the order (the <c>idempotency_keys_claim</c> trigger of
/// <see cref="OrdersMigrations.IdempotencyClaim"/>: a transaction-scoped advisory lock, so a crash
/// mid-request leaves no stuck "in flight" state behind). That INSERT fails in one of two ways,
/// and either rolls back the whole batch: the key is in flight in another transaction, or a live
/// row exists, which <see cref="FindAsync"/> then reads (or deletes, when it has expired).
/// </summary>
public static class IdempotencyStore
{
    // An expired row is treated as absent: deleted here, so that inserting the key again cannot
    // collide with it.
    private const string FindSql = """
        WITH expired AS (
            DELETE FROM idempotency_keys WHERE client_id = $1 AND key = $2 AND expires_at <= $3)
        SELECT request_hash, status_code, location, response_body
        FROM idempotency_keys WHERE client_id = $1 AND key = $2 AND expires_at > $3
        """;

    /// <summary>The save failed because another transaction holds the key right now (a concurrent retry).</summary>
    public static bool IsInFlight(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable, TableName: "idempotency_keys" };

    /// <summary>The save failed because a live row of the key exists: an earlier request used it.</summary>
    public static bool IsKnown(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "idempotency_keys_pkey" };

    /// <summary>
    /// The unexpired response remembered for <paramref name="key"/> of <paramref name="clientId"/>,
    /// or null when there is none (an expired row is deleted: the key can be inserted again).
    /// </summary>
    public static async Task<StoredResponse?> FindAsync(
        OrdersDbContext db, string clientId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(FindSql, (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter { Value = clientId });
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new StoredResponse(
                (byte[])reader[0], reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader[3]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
