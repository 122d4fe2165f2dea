using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Orders.Api.Infrastructure;

/// <summary>
/// Claims an Idempotency-Key for the current transaction and reads what is remembered for it.
/// The claim is a transaction-scoped advisory lock, so it ends with the transaction: a crash
/// mid-request leaves no stuck "in flight" state behind, and the key row is written by the
/// same transaction as the order (see <c>PlaceOrderHandler</c>).
/// </summary>
public static class IdempotencyStore
{
    // Two statements, one round trip (Npgsql sends a batch with a single Sync, and the deferred
    // BEGIN rides along). They run in order, each with its own snapshot under READ COMMITTED, so
    // the SELECT sees a row committed by whoever held the lock before us.
    private const string ClaimSql = "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))";

    // An expired row is treated as absent: deleted here, so the INSERT of the new key row cannot
    // collide with it. (When the lock was not granted the transaction is rolled back, delete too.)
    private const string ReadSql = """
        WITH expired AS (
            DELETE FROM idempotency_keys WHERE client_id = $1 AND key = $2 AND expires_at <= $3)
        SELECT request_hash, status_code, location, response_body
        FROM idempotency_keys WHERE client_id = $1 AND key = $2 AND expires_at > $3
        """;

    /// <summary>
    /// Within <paramref name="db"/>'s open transaction: tries to lock <paramref name="key"/> of
    /// <paramref name="clientId"/>; when locked, returns the unexpired stored response, if any.
    /// </summary>
    public static async Task<IdempotencyLookup> ClaimAsync(
        OrdersDbContext db, string clientId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("ClaimAsync needs the request's transaction to be open: the lock lives as long as it.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        // The lock name joins client and key with a newline, which neither a header value nor a
        // principal name contains in practice; a 64-bit hash collision only costs a spurious 409.
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(ClaimSql, clientId + "\n" + key));
        var read = Command(ReadSql, clientId, key);
        read.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean(0))
        {
            return new IdempotencyLookup(InFlight: true, Stored: null);
        }

        await reader.NextResultAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new IdempotencyLookup(InFlight: false, Stored: null);
        }

        return new IdempotencyLookup(false, new StoredResponse(
            (byte[])reader[0], reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader[3]));
    }

    private static NpgsqlBatchCommand Command(string sql, params string[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
