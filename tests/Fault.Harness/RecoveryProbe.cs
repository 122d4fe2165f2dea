using Confluent.Kafka;
using Npgsql;
using Platform.Testing;

namespace Fault.Harness;

/// <summary>
/// Decides when the platform has recovered from a fault: the processes hit are ready again
/// (<c>/health/ready</c> 200: database and Kafka reachable, relay slot healthy) AND the pipeline
/// progresses: an order accepted after the fault reached a terminal state (API, Orders relay,
/// Payments, Inventory, their relays and the saga all worked) and Notifications recorded
/// something new. Then, before the next fault, when the platform has absorbed the fault
/// (<see cref="SettleAsync"/>), so that each fault's recovery is measured from a steady state
/// and not from the tail of the one before.
/// </summary>
public sealed class RecoveryProbe(HarnessPlatform platform, LoadGenerator load)
{
    // Recovery times are measured by these polls: at most 50 ms late.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    // Settling is checked less often: each check asks the group coordinator for five groups' offsets.
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(200);

    // Orders accepted before this were seen terminal by an earlier settle.
    private DateTime _settledUpTo = DateTime.MinValue;

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

    /// <summary>
    /// Waits until the platform has absorbed everything that happened up to now: every order
    /// accepted before now (and after the previous settle) has reached a terminal state, and then
    /// every consumer group (saga, read model, Payments, Inventory, Notifications) has committed
    /// at least what its topics held at that moment. A fault's effects can outlast its recovery
    /// (after a Kafka outage the groups re-form and work off the backlog for seconds after the
    /// first new order completes); a fault injected before that would be measured together with
    /// the previous one's tail. Returns the time from <paramref name="from"/> (the fault), null
    /// when the platform did not settle within <paramref name="timeout"/> from now.
    /// </summary>
    public async Task<TimeSpan?> SettleAsync(DateTime from, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var upTo = DateTime.UtcNow;
        var deadline = upTo + timeout;
        var pending = load.AcceptedBetween(_settledUpTo, upTo);
        if (!await Eventually.TryAsync(
                async () => await CountAsync(platform.Databases["orders"], "SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'Placed'", pending, cancellationToken) == 0,
                Remaining(deadline), SettlePoll, cancellationToken))
        {
            return null;
        }

        var marks = KafkaLedger.EndOffsets(platform.BootstrapServers, [.. Ledger.Groups.Values.SelectMany(t => t).Distinct()], TestKafka.DefaultPartitions);
        var groups = Ledger.Groups.ToDictionary(g => g.Key, g => marks.Where(m => g.Value.Contains(m.Topic)).ToList());
        var probes = groups.Keys.ToDictionary(g => g, g => new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = platform.BootstrapServers, GroupId = g })
            .SetLogHandler(HarnessKafkaLog.Write).Build());
        try
        {
            var caughtUp = await Eventually.TryAsync(() => Task.FromResult(groups.All(g => KafkaLedger.CommittedAtLeast(probes[g.Key], g.Value))),
                Remaining(deadline), SettlePoll, cancellationToken);
            if (!caughtUp)
            {
                return null;
            }
        }
        finally
        {
            foreach (var probe in probes.Values)
            {
                probe.Dispose();
            }
        }

        _settledUpTo = upTo;
        return DateTime.UtcNow - from;
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
