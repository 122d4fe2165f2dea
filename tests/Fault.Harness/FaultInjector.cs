using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Npgsql;
using Platform.Contracts;
using Platform.Testing;

namespace Fault.Harness;

/// <summary>Injects one fault of a kind and measures the recovery from it.</summary>
public sealed class FaultInjector(HarnessPlatform platform, RecoveryProbe recovery, HarnessOptions options, Random random)
{
    private readonly HashSet<Guid> _deliveredProbeRows = [];

    /// <summary>Topic of the probe transaction's events (aggregate type <c>faultprobe</c>); no consumer reads it.</summary>
    public const string ProbeTopic = "faultprobe.events";

    private static readonly string[] Relays = ["relay-orders", "relay-payments", "relay-inventory"];

    /// <summary>The kinds this platform allows: PostgreSQL restarts need the harness's own cluster, Kafka outages its own mock cluster.</summary>
    public static IReadOnlyList<FaultKind> Available(HarnessPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return Enum.GetValues<FaultKind>()
            .Where(k => k != FaultKind.PostgresImmediateRestart || platform.CanRestartPostgres)
            .Where(k => k != FaultKind.KafkaUnreachable || platform.CanTakeKafkaDown)
            .ToList();
    }

    /// <summary>Injects <paramref name="kind"/>, then waits for recovery (bounded by the recovery timeout).</summary>
    public async Task<FaultRecord> InjectAsync(FaultKind kind, CancellationToken cancellationToken) => kind switch
    {
        FaultKind.KillOrders => await KillAsync(kind, "orders", cancellationToken),
        FaultKind.KillPayments => await KillAsync(kind, "payments", cancellationToken),
        FaultKind.KillInventory => await KillAsync(kind, "inventory", cancellationToken),
        FaultKind.KillNotifications => await KillAsync(kind, "notifications", cancellationToken),
        FaultKind.KillRelay => await KillAsync(kind, Relays[random.Next(Relays.Length)], cancellationToken),
        FaultKind.KillRelayMidTransaction => await KillRelayMidTransactionAsync(cancellationToken),
        FaultKind.PostgresImmediateRestart => await RestartPostgresAsync(cancellationToken),
        FaultKind.KafkaUnreachable => await TakeKafkaDownAsync(cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private async Task<FaultRecord> KillAsync(FaultKind kind, string name, CancellationToken cancellationToken, string note = "")
    {
        var process = platform.Process(name);
        var at = DateTime.UtcNow;
        process.Kill();
        var (ready, recovered) = await recovery.MeasureAsync(at, [process], options.RecoveryTimeout, cancellationToken);
        return new FaultRecord(kind, name, at, ready, recovered, note);
    }

    /// <summary>
    /// Relays one probe row and waits until Kafka has it, so the probe topic exists before the
    /// first mid-transaction kill watches it.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await InsertProbeTransactionAsync(1, cancellationToken);
        await Eventually.WaitAsync(() => Task.FromResult(KafkaLedger.Count(platform.BootstrapServers, [ProbeTopic]) > 0),
            "the Orders relay to publish the first probe row (see relay-orders.log)", TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>
    /// Commits ONE transaction of <see cref="HarnessOptions.ProbeTransactionRows"/> outbox rows in
    /// the Orders database (aggregate type <c>faultprobe</c>, one aggregate per row, no consumer
    /// reads them) and SIGKILLs the Orders relay the moment the first of them is read back from
    /// Kafka: the relay is then publishing that transaction and has not confirmed its LSN (it
    /// confirms only after Kafka acknowledged everything up to it). The note says how much of it
    /// Kafka held just after the kill; when that is all of it, the kill landed between the last
    /// acknowledgement and the confirmation. Once recovered, every row of it must be read back
    /// from Kafka (the slot streams the unconfirmed transaction again); rows not read back count
    /// as lost in the ledger.
    /// </summary>
    private async Task<FaultRecord> KillRelayMidTransactionAsync(CancellationToken cancellationToken)
    {
        using var watch = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = platform.BootstrapServers,
            GroupId = "fault-harness-watch",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).SetLogHandler(HarnessKafkaLog.Write).Build();
        // From the current end, so the first record it returns belongs to the new transaction.
        watch.Assign(KafkaLedger.EndOffsets(platform.BootstrapServers, [ProbeTopic], Platform.Testing.TestKafka.DefaultPartitions));
        var before = KafkaLedger.Count(platform.BootstrapServers, [ProbeTopic]);
        var prefix = await InsertProbeTransactionAsync(options.ProbeTransactionRows, cancellationToken);
        var seen = new HashSet<Guid>();
        await Eventually.WaitAsync(() => Task.FromResult(Drain(watch, prefix, seen, TimeSpan.FromMilliseconds(100)) > 0),
            "a row of the probe transaction to reach Kafka", TimeSpan.FromSeconds(60), cancellationToken);
        var process = platform.Process("relay-orders");
        var at = DateTime.UtcNow;
        process.Kill();
        var inKafka = KafkaLedger.Count(platform.BootstrapServers, [ProbeTopic]) - before;
        var (ready, recovered) = await recovery.MeasureAsync(at, [process], options.RecoveryTimeout, cancellationToken);

        // Every row of the transaction must reach Kafka after the restart. Checked now, while the
        // broker still holds them: over a long run the probe topic outgrows a broker's retention
        // (the mock cluster's log per partition is bounded), so the final ledger could no longer
        // read the oldest probe rows back. Rows seen here are proven delivered.
        var complete = await Eventually.TryAsync(
            () =>
            {
                Drain(watch, prefix, seen, TimeSpan.FromMilliseconds(200));
                return Task.FromResult(seen.Count >= options.ProbeTransactionRows);
            },
            options.RecoveryTimeout, cancellationToken: cancellationToken);
        _deliveredProbeRows.UnionWith(seen);

        return new FaultRecord(FaultKind.KillRelayMidTransaction, process.Name, at, ready, recovered,
            string.Create(CultureInfo.InvariantCulture, $"{inKafka} of {options.ProbeTransactionRows} rows of the transaction in Kafka just after the kill, {seen.Count} after the restart{(complete ? "" : " (INCOMPLETE)")}"));
    }

    /// <summary>Probe rows of mid-transaction kills read back from Kafka right after their recovery (faults run one at a time).</summary>
    public IReadOnlySet<Guid> DeliveredProbeRows => _deliveredProbeRows;

    /// <summary>Consumes what <paramref name="watch"/> has within <paramref name="wait"/>, adding the event ids of rows keyed <paramref name="prefix"/>-*; returns how many records it read.</summary>
    private static int Drain(IConsumer<byte[], byte[]> watch, string prefix, HashSet<Guid> seen, TimeSpan wait)
    {
        var read = 0;
        for (var record = watch.Consume(wait); record?.Message is not null; record = watch.Consume(TimeSpan.Zero))
        {
            read++;
            if (Encoding.UTF8.GetString(record.Message.Key).StartsWith(prefix + "-", StringComparison.Ordinal)
                && record.Message.Headers.TryGetLastBytes(OutboxHeaders.EventId, out var id)
                && Guid.TryParse(Encoding.UTF8.GetString(id), out var eventId))
            {
                seen.Add(eventId);
            }
        }

        return read;
    }

    /// <summary>Commits the probe transaction; returns the prefix of its rows' aggregate ids (the record keys).</summary>
    private async Task<string> InsertProbeTransactionAsync(int rows, CancellationToken cancellationToken)
    {
        var prefix = Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(platform.Databases["orders"]);
        await connection.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, "timestamp", tracingspancontext, sequence)
            SELECT gen_random_uuid(), 'faultprobe', $1 || '-' || g, 'FaultProbe', '\x00'::bytea, now() AT TIME ZONE 'utc', NULL, 1
            FROM generate_series(1, $2) AS g
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = prefix });
        insert.Parameters.Add(new NpgsqlParameter { Value = rows });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return prefix;
    }

    private async Task<FaultRecord> RestartPostgresAsync(CancellationToken cancellationToken)
    {
        var at = DateTime.UtcNow;
        await platform.RestartPostgresImmediateAsync(cancellationToken);
        var (ready, recovered) = await recovery.MeasureAsync(at, platform.Processes, options.RecoveryTimeout, cancellationToken);
        return new FaultRecord(FaultKind.PostgresImmediateRestart, "postgresql", at, ready, recovered, "");
    }

    /// <summary>Every broker down for a seeded 2 to 4 s; recovery is measured from the moment they are back.</summary>
    private async Task<FaultRecord> TakeKafkaDownAsync(CancellationToken cancellationToken)
    {
        var down = TimeSpan.FromMilliseconds(random.Next(2_000, 4_000));
        platform.SetKafkaReachable(false);
        try
        {
            await Task.Delay(down, cancellationToken);
        }
        finally
        {
            platform.SetKafkaReachable(true);
        }

        var at = DateTime.UtcNow;
        var (ready, recovered) = await recovery.MeasureAsync(at, platform.Processes, options.RecoveryTimeout, cancellationToken);
        return new FaultRecord(FaultKind.KafkaUnreachable, "kafka", at, ready, recovered,
            string.Create(CultureInfo.InvariantCulture, $"down {down.TotalSeconds:0.0} s"));
    }
}
