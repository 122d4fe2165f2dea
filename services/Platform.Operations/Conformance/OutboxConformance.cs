using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Npgsql;
using Platform.Persistence.Outbox;
using Platform.Kafka.Clients;

namespace Platform.Operations.Conformance;

/// <summary>
/// Whether the relay under test traces, which decides its tracing headers (the record contract,
/// tests/conformance/outbox-router-cases.json, "tracing").
/// </summary>
public enum TracingMode
{
    /// <summary>
    /// No tracing header at all: Debezium on a Connect worker without an OpenTelemetry SDK (the stock
    /// image, and with <c>ENABLE_OTEL=true</c> alone), the embedded relay without a listener on its source.
    /// </summary>
    Off,

    /// <summary>
    /// For a row that stored a context: first <c>traceparent</c> of a new span in the stored trace (a
    /// child of the stored span), then <c>tracestate</c> equal to the stored one when it has one, then
    /// the case's headers. For a row without one: the case's headers only.
    /// </summary>
    On,
}

/// <summary>What a conformance run checks and where.</summary>
/// <param name="ConnectionString">The service database whose outbox the relay under test captures.</param>
/// <param name="BootstrapServers">The Kafka cluster the relay produces to.</param>
/// <param name="Cases">The cases to write and check.</param>
/// <param name="Tracing">Whether the relay under test traces (its tracing headers).</param>
/// <param name="DeleteInSameTransaction">
/// Delete each row in the transaction that inserts it (the outbox's insert-then-delete mode):
/// nothing stays in the table, so reruns and production-like databases stay clean. Only a CDC
/// relay sees such rows; a polling relay needs them kept (false).
/// </param>
/// <param name="CreateMissingTopics">Create case topics that do not exist with the partition count the cases expect (a real cluster); a cluster that auto-creates them (the mock) needs false.</param>
/// <param name="Timeout">How long to wait for every case's record.</param>
public sealed record ConformanceRun(
    string ConnectionString, string BootstrapServers, IReadOnlyList<ConformanceCase> Cases, TracingMode Tracing,
    bool DeleteInSameTransaction, bool CreateMissingTopics, TimeSpan Timeout);

/// <summary>The outcome of one case: the record found (null when none arrived in time) and every difference from the expected one.</summary>
public sealed record ConformanceResult(ConformanceCase Case, ConsumeResult<byte[], byte[]>? Record, IReadOnlyList<string> Differences)
{
    /// <summary>True when the record arrived and matched in every field.</summary>
    public bool Passed => Record is not null && Differences.Count == 0;
}

/// <summary>
/// Checks a running relay (the embedded one, or Debezium on Kafka Connect) against the record
/// contract: writes each case's outbox row in its own transaction, reads what the relay produced
/// after that with an assign-only consumer that commits nothing, and compares topic, partition,
/// key, value, headers in order, timestamp and timestamp type. Read-only on Kafka; on the
/// database it writes only the cases' rows (deleted again when <see cref="ConformanceRun.DeleteInSameTransaction"/>).
/// The cases are real-looking events with fixed ids: run it against a database and topics that
/// no live consumer acts on.
/// </summary>
public static class OutboxConformance
{
    private const string TraceParentHeader = "traceparent";
    private const string TraceStateHeader = "tracestate";

    /// <summary>Runs every case; throws <see cref="TimeoutException"/> only when Kafka cannot be reached at all.</summary>
    public static async Task<IReadOnlyList<ConformanceResult>> RunAsync(ConformanceRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var topics = run.Cases.GroupBy(c => c.Expected.Topic).ToDictionary(g => g.Key, g => g.First().Expected.Partitions);
        var start = await StartOffsetsAsync(run, topics, cancellationToken);
        foreach (var c in run.Cases)
        {
            await WriteRowAsync(run, c, cancellationToken);
        }

        var records = await Task.Run(() => Read(run, start, cancellationToken), cancellationToken);
        return run.Cases.Select(c => records.TryGetValue(c.Id, out var record)
            ? new ConformanceResult(c, record, Compare(c, record, run.Tracing, start[c.Expected.Topic].Count))
            : new ConformanceResult(c, null, [$"no record with id {c.Row.Id} on {c.Expected.Topic} within {run.Timeout}"])).ToList();
    }

    /// <summary>Every difference between <paramref name="record"/> and the case's expected record (empty when it conforms).</summary>
    public static IReadOnlyList<string> Compare(ConformanceCase c, ConsumeResult<byte[], byte[]> record, TracingMode tracing, int partitions)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(record);
        var expected = c.Expected;
        var differences = new List<string>();
        void Check<T>(string field, T want, T got)
        {
            if (!EqualityComparer<T>.Default.Equals(want, got))
            {
                differences.Add($"{field}: expected {want}, got {got}");
            }
        }

        Check("topic", expected.Topic, record.Topic);
        if (partitions == expected.Partitions)
        {
            Check("partition", expected.Partition, record.Partition.Value);
        }
        else
        {
            differences.Add($"partition: the topic has {partitions} partitions, the case expects {expected.Partitions}; create it with {expected.Partitions}");
        }

        Check("key", expected.KeyBase64, Convert.ToBase64String(record.Message.Key ?? []));
        Check("value", expected.ValueBase64, Convert.ToBase64String(record.Message.Value ?? []));
        Check("timestamp", expected.TimestampMs, record.Message.Timestamp.UnixTimestampMs);
        Check("timestamp type", expected.TimestampType, record.Message.Timestamp.Type.ToString());

        var actual = (record.Message.Headers ?? []).Select(h => (Name: h.Key, Value: h.GetValueBytes() is { } bytes ? Encoding.UTF8.GetString(bytes) : null)).ToList();
        var stored = TraceContext.TraceParentFrom(c.Row.TracingSpanContext);
        if (tracing == TracingMode.On && stored is not null)
        {
            differences.AddRange(TakeTracingHeaders(stored, TraceContext.TraceStateFrom(c.Row.TracingSpanContext), actual));
        }

        Check("headers (in order)", Describe(expected.Headers.Select(h => (h.Name, (string?)h.Value))), Describe(actual));
        return differences;
    }

    /// <summary>
    /// Takes the leading tracing headers of a traced record off <paramref name="actual"/> and returns what
    /// is wrong with them: they must be a well-formed W3C traceparent of the stored trace with a span id
    /// of its own, then the stored tracestate when there is one.
    /// </summary>
    private static List<string> TakeTracingHeaders(string stored, string? storedState, List<(string Name, string? Value)> actual)
    {
        if (actual.Count == 0 || actual[0].Name != TraceParentHeader)
        {
            return [$"traceparent: expected as the first header (a child span of {stored}), got {(actual.Count == 0 ? "no headers" : actual[0].Name + " first")}"];
        }

        var differences = new List<string>();
        var header = actual[0].Value ?? "";
        actual.RemoveAt(0);
        var parts = header.Split('-');
        var storedParts = stored.Split('-');
        if (parts.Length != 4 || parts[0] != "00" || !IsId(parts[1], 32) || !IsId(parts[2], 16) || !IsHex(parts[3], 2))
        {
            differences.Add($"traceparent: expected a W3C traceparent, got {header}");
        }
        else if (storedParts.Length != 4 || parts[1] != storedParts[1])
        {
            differences.Add($"traceparent: expected a span of trace {(storedParts.Length > 1 ? storedParts[1] : stored)}, got {header}");
        }
        else if (parts[2] == storedParts[2])
        {
            differences.Add($"traceparent: expected a new span (a child of {storedParts[2]}), got the stored span itself");
        }

        if (storedState is null)
        {
            return differences;
        }

        if (actual.Count == 0 || actual[0].Name != TraceStateHeader)
        {
            differences.Add($"tracestate: expected {storedState} right after traceparent, got {(actual.Count == 0 ? "nothing" : actual[0].Name)}");
            return differences;
        }

        if (actual[0].Value != storedState)
        {
            differences.Add($"tracestate: expected {storedState}, got {actual[0].Value}");
        }

        actual.RemoveAt(0);
        return differences;
    }

    private static bool IsId(string text, int length) => IsHex(text, length) && text.Any(ch => ch != '0');

    private static bool IsHex(string text, int length) => text.Length == length && text.All(ch => char.IsAsciiDigit(ch) || ch is >= 'a' and <= 'f');

    /// <summary>Writes the case's row the way services do (one transaction), replacing a row with the same id left by an earlier run.</summary>
    private static async Task WriteRowAsync(ConformanceRun run, ConformanceCase c, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(run.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await OutboxStore.WriteCaseAsync(connection, new OutboxMessage
        {
            Id = c.Id,
            AggregateType = c.Row.AggregateType,
            AggregateId = c.Row.AggregateId,
            Type = c.Row.Type,
            Payload = c.Payload,
            Timestamp = c.Timestamp,
            TracingSpanContext = c.Row.TracingSpanContext,
            Sequence = c.Row.Sequence,
        }, run.DeleteInSameTransaction, cancellationToken);
    }

    /// <summary>Where each case topic ends now (null: it does not exist yet, so everything it will hold is ours), creating it first when asked.</summary>
    private static async Task<Dictionary<string, Dictionary<int, long>>> StartOffsetsAsync(ConformanceRun run, Dictionary<string, int> topics, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(ToolAdminConfig.Create(run.BootstrapServers)).Build();
        if (run.CreateMissingTopics)
        {
            try
            {
                await admin.CreateTopicsAsync(topics.Select(t => new TopicSpecification { Name = t.Key, NumPartitions = t.Value, ReplicationFactor = -1 }));
            }
            catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
            {
                // Made earlier (by a previous run or by the relay).
            }
        }

        using var consumer = BuildConsumer(run);
        var result = new Dictionary<string, Dictionary<int, long>>();
        foreach (var topic in topics.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
            result[topic] = metadata.Error.IsError || metadata.Partitions.Count == 0
                ? []
                : metadata.Partitions.ToDictionary(p => p.PartitionId, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value);
        }

        return result;
    }

    /// <summary>Reads each case topic from its start offsets until every case id was seen or the timeout passes; first record per id wins.</summary>
    private static Dictionary<Guid, ConsumeResult<byte[], byte[]>> Read(ConformanceRun run, Dictionary<string, Dictionary<int, long>> start, CancellationToken cancellationToken)
    {
        var wanted = run.Cases.Select(c => c.Id).ToHashSet();
        var found = new Dictionary<Guid, ConsumeResult<byte[], byte[]>>();
        using var admin = new AdminClientBuilder(ToolAdminConfig.Create(run.BootstrapServers)).Build();
        using var consumer = BuildConsumer(run);
        var assigned = new HashSet<string>();
        var deadline = DateTime.UtcNow + run.Timeout;
        while (found.Count < wanted.Count && DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var topic in start.Keys.Where(t => !assigned.Contains(t)).ToList())
            {
                // A topic that did not exist at the start is read from its beginning once it appears.
                var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single();
                if (metadata.Error.IsError || metadata.Partitions.Count == 0)
                {
                    continue;
                }

                consumer.IncrementalAssign(metadata.Partitions.Select(p => new TopicPartitionOffset(
                    topic, p.PartitionId, start[topic].TryGetValue(p.PartitionId, out var offset) ? new Offset(offset) : Offset.Beginning)));
                start[topic] = metadata.Partitions.ToDictionary(p => p.PartitionId, p => start[topic].GetValueOrDefault(p.PartitionId));
                assigned.Add(topic);
            }

            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record?.Message is not null && Guid.TryParse(Header(record, "id"), out var id) && wanted.Contains(id))
            {
                found.TryAdd(id, record);
            }
        }

        return found;
    }

    private static IConsumer<byte[], byte[]> BuildConsumer(ConformanceRun run) =>
        new ConsumerBuilder<byte[], byte[]>(ConformanceReaderConfig.Create(run.BootstrapServers)).Build();

    private static string? Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;

    private static string Describe(IEnumerable<(string Name, string? Value)> headers) => string.Join(", ", headers.Select(h => $"{h.Name}={h.Value}"));
}
