using Npgsql;
using Platform.Testing;

namespace Fault.Harness;

/// <summary>
/// Decides when the platform has recovered from a fault: the processes hit are ready again
/// (<c>/health/ready</c> 200: database and Kafka reachable, relay slot healthy) AND the pipeline
/// progresses: an order accepted after the fault reached a terminal state (API, Orders relay,
/// Payments, Inventory, their relays and the saga all worked) and Notifications recorded
/// something new.
/// </summary>
public sealed class RecoveryProbe(HarnessPlatform platform, LoadGenerator load)
{
    // Recovery times are measured by these polls: at most 50 ms late.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Time from <paramref name="from"/> until the processes hit were ready and until recovered; each null when it did not happen within <paramref name="timeout"/>.</summary>
    public async Task<(TimeSpan? Ready, TimeSpan? Recovered)> MeasureAsync(DateTime from, IReadOnlyList<SupervisedProcess> hit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = from + timeout;
        foreach (var process in hit)
        {
            if (!await Eventually.TryAsync(() => process.IsReadyAsync(cancellationToken), Remaining(deadline), Poll, cancellationToken))
            {
                return (null, null);
            }
        }

        var ready = DateTime.UtcNow - from;

        var notificationsBefore = await CountAsync(platform.Databases["notifications"], "SELECT count(*) FROM notifications", null, cancellationToken) ?? long.MaxValue;
        var progressed = await Eventually.TryAsync(async () =>
        {
            var since = load.AcceptedSince(from);
            if (since.Length == 0)
            {
                return false;
            }

            var terminal = await CountAsync(platform.Databases["orders"], "SELECT count(*) FROM orders WHERE id = ANY($1) AND status <> 'Placed'", since, cancellationToken);
            var notifications = await CountAsync(platform.Databases["notifications"], "SELECT count(*) FROM notifications", null, cancellationToken);
            return terminal > 0 && notifications > notificationsBefore;
        }, Remaining(deadline), Poll, cancellationToken);
        return (ready, progressed ? DateTime.UtcNow - from : null);
    }

    private static TimeSpan Remaining(DateTime deadline) => deadline - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    // Null while the database cannot be reached (e.g. during its own restart).
    private static async Task<long?> CountAsync(string connectionString, string sql, Guid[]? ids, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            if (ids is not null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = ids });
            }

            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}
