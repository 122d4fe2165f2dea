using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Relay.Benchmarks;

/// <summary>Writes outbox rows: a backlog in big batches, or a steady rate in small transactions.</summary>
internal static class Workload
{
    public static async Task InsertBacklogAsync(string connectionString, int events, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        for (var done = 0; done < events; done += 10_000)
        {
            await InsertAsync(connection, Math.Min(10_000, events - done), done, cancellationToken);
        }
    }

    /// <summary>
    /// <paramref name="writers"/> connections, each committing <paramref name="perTransaction"/>
    /// events every tick, ticks spaced so the total is <paramref name="eventsPerSecond"/>.
    /// </summary>
    public static async Task<long> SteadyAsync(string connectionString, int eventsPerSecond, TimeSpan duration, int writers, int perTransaction, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds((double)writers * perTransaction / eventsPerSecond);
        long written = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var clock = Stopwatch.StartNew();
            var tick = 0;
            while (clock.Elapsed < duration)
            {
                await InsertAsync(connection, perTransaction, (w * 1_000_000) + (tick * perTransaction), cancellationToken);
                tick++;
                Interlocked.Add(ref written, perTransaction);
                var next = interval * tick;
                if (next > clock.Elapsed)
                {
                    await Task.Delay(next - clock.Elapsed, cancellationToken);
                }
            }
        }));
        return written;
    }

    private static async Task InsertAsync(NpgsqlConnection connection, int count, int offset, CancellationToken cancellationToken)
    {
        // Payload ~ an OrderPlaced protobuf (about 120 bytes); 1000 aggregates.
        await using var command = new NpgsqlCommand("""
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, "timestamp", tracingspancontext, sequence)
            SELECT gen_random_uuid(), 'order', 'order-' || (($1 + g) % 1000), 'OrderPlaced', decode(repeat('0a', 120), 'hex'),
                   $2, 'traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', $1 + g
            FROM generate_series(1, $3) g
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        command.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified), NpgsqlDbType = NpgsqlDbType.Timestamp });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
