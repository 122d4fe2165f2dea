using Npgsql;
using Platform.Contracts;
using Platform.Testing;

namespace Fault.Harness;

/// <summary>
/// The check at the end of a run, once the load has stopped and every process is up again.
/// It proves: every accepted order reached a terminal state; every committed outbox event
/// reached Kafka at least once; no effect was applied twice (one payment decision, one stock
/// decision per order, stock adds up); no consumer applied an aggregate's events out of order.
/// Each wait is a condition with a timeout: a platform that never settles fails the check.
/// </summary>
public sealed class Ledger(HarnessPlatform platform, LoadGenerator load, DeliveryTap tap, IReadOnlySet<Guid> deliveredProbeRows)
{
    /// <summary>The platform's consumer groups and the event topics each reads.</summary>
    internal static readonly Dictionary<string, string[]> Groups = new()
    {
        ["orders-saga"] = [Topics.PaymentEvents, Topics.InventoryEvents],
        ["orders-read-model"] = [Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents],
        ["payments"] = [Topics.OrderEvents],
        ["inventory"] = [Topics.OrderEvents],
        ["notifications"] = [Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents],
    };

    /// <summary>The topics whose records the ledger accounts for (the tap reads them).</summary>
    public static readonly string[] EventTopics = [Topics.OrderEvents, Topics.PaymentEvents, Topics.InventoryEvents, FaultInjector.ProbeTopic];

    /// <summary>Waits for the platform to settle (up to <paramref name="settle"/> per step), then checks.</summary>
    public async Task<LedgerResult> CheckAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var accepted = load.Accepted.Keys.ToArray();
        var orders = platform.Databases["orders"];

        // 1. Every accepted order reaches Confirmed or Cancelled.
        await Eventually.TryAsync(async () => await ScalarAsync(orders, "SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'Placed'", accepted) == 0, settle, cancellationToken: cancellationToken);
        var notTerminal = await ScalarAsync(orders, "SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'Placed'", accepted);
        Check(notTerminal == 0, $"{notTerminal} accepted orders never reached a terminal state", failures);

        // 2. Every consumer group has processed everything produced (so releases and refunds are in).
        var caughtUp = await Eventually.TryAsync(() => Task.FromResult(Groups.All(g => KafkaGroups.CommittedToEnd(platform.BootstrapServers, g.Key, g.Value))), settle, cancellationToken: cancellationToken);
        Check(caughtUp, "consumer groups did not commit up to the end of their topics", failures);

        // 3. Every committed outbox row is in Kafka (a relay still catching up is waited for).
        var committed = new List<Guid>();
        var kinds = new Dictionary<Guid, string>();
        foreach (var source in new[] { "orders", "payments", "inventory" })
        {
            foreach (var (id, aggregateType) in await TestSql.QueryAsync(platform.Databases[source], "SELECT id, aggregatetype FROM outbox", r => (r.GetGuid(0), r.GetString(1))))
            {
                committed.Add(id);
                kinds[id] = $"{source}/{aggregateType}";
            }
        }

        // Checked against what the tap read while the run went on (the broker may have dropped the
        // oldest records since, as any broker does on a long enough run); probe rows read back
        // right after their fault count as delivered too.
        await Eventually.TryAsync(() => Task.FromResult(committed.All(id => tap.Saw(id) || deliveredProbeRows.Contains(id))), settle, cancellationToken: cancellationToken);
        var lostIds = committed.Where(id => !tap.Saw(id) && !deliveredProbeRows.Contains(id)).ToList();
        var lost = lostIds.Count;
        // Which database and aggregate type they belong to, and whether the tap fell behind the broker's retention.
        var lostKinds = string.Join(", ", lostIds.GroupBy(id => kinds[id]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))
            + (tap.SkippedOffsets > 0 ? $"; the tap found {tap.SkippedOffsets} offsets already dropped by the broker" : "");
        Check(lost == 0, $"{lost} committed outbox events never reached Kafka ({lostKinds})", failures);

        // 4. No effect twice: per aggregate at most one event of each type, in every service...
        long duplicateEffects = 0;
        foreach (var source in new[] { "orders", "payments", "inventory" })
        {
            duplicateEffects += await ScalarAsync(platform.Databases[source], """
                SELECT count(*) FROM (SELECT 1 FROM outbox WHERE aggregatetype <> 'faultprobe'
                                      GROUP BY aggregateid, type HAVING count(*) > 1) AS twice
                """);
        }

        // ...and stock adds up: seeded = available + what Reserved (not released) reservations hold.
        duplicateEffects += await ScalarAsync(platform.Databases["inventory"], """
            SELECT count(*) FROM stock s
            JOIN unnest($1::text[], $2::int[]) AS seeded(sku, quantity) ON seeded.sku = s.sku
            LEFT JOIN (SELECT l->>'sku' AS sku, sum((l->>'quantity')::int) AS held
                       FROM reservations r CROSS JOIN jsonb_array_elements(r.lines) AS l
                       WHERE r.status = 'Reserved' GROUP BY 1) AS h ON h.sku = s.sku
            WHERE s.available + coalesce(h.held, 0) <> seeded.quantity
            """, HarnessPlatform.Stock.Keys.ToArray(), HarnessPlatform.Stock.Values.ToArray());
        Check(duplicateEffects == 0, $"{duplicateEffects} effects applied twice (or stock that does not add up)", failures);

        // 5. Every accepted order has its payment decision and its stock decision.
        var paid = (await TestSql.QueryAsync(platform.Databases["payments"], "SELECT order_id FROM payments WHERE order_id = ANY($1)", r => r.GetGuid(0), accepted)).ToHashSet();
        var decided = (await TestSql.QueryAsync(platform.Databases["inventory"], "SELECT order_id FROM reservations WHERE order_id = ANY($1)", r => r.GetGuid(0), accepted)).ToHashSet();
        var missing = accepted.Count(id => !paid.Contains(id) || !decided.Contains(id));
        Check(missing == 0, $"{missing} accepted orders lack a payment or stock decision", failures);

        // 6. The consumers' own sequence checks, from their logs.
        var logs = LogScan.Read(platform.Processes.Select(p => p.LogFile), [platform.ApiKey, platform.KafkaPassword]);
        Check(logs.OutOfOrder == 0, $"{logs.OutOfOrder} events applied out of order", failures);
        Check(logs.SecretLines == 0, $"{logs.SecretLines} log lines carry a secret (the load's API key or the Kafka password)", failures);

        var deadLettered = KafkaLedger.Count(platform.BootstrapServers, Groups.Keys.Select(g => g + ".dlq"));
        Check(deadLettered == 0, $"{deadLettered} records parked in dead-letter topics", failures);

        return new LedgerResult
        {
            AcceptedOrders = accepted.Length,
            NotTerminal = notTerminal,
            Confirmed = await ScalarAsync(orders, "SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'Confirmed'", accepted),
            Cancelled = await ScalarAsync(orders, "SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'Cancelled'", accepted),
            Unanswered = await ScalarAsync(orders, "SELECT count(*) FROM orders WHERE NOT (id = ANY($1))", accepted),
            CommittedEvents = committed.Count,
            KafkaRecords = tap.Records,
            DuplicateDeliveries = tap.DuplicateRecords,
            SkippedOffsets = tap.SkippedOffsets,
            LostEvents = lost,
            DuplicateEffects = duplicateEffects,
            MissingEffects = missing,
            OutOfOrder = logs.OutOfOrder,
            SequenceGaps = logs.Gaps,
            SecretLines = logs.SecretLines,
            DeadLettered = deadLettered,
            Failures = failures,
        };
    }

    private static void Check(bool holds, string failure, List<string> failures)
    {
        if (!holds)
        {
            failures.Add(failure);
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, params object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters.OfType<object>())
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
