using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Operations.Conformance;

/// <summary>
/// One case of the record contract (tests/conformance/outbox-router-cases.json): an outbox row
/// and the Kafka record Debezium's Outbox Event Router makes of it with this project's
/// connector settings. Both relays must produce exactly that record.
/// </summary>
public sealed record ConformanceCase(string Name, ConformanceRow Row, ConformanceRecord Expected)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Reads the cases file; a missing or malformed file throws <see cref="InvalidDataException"/> naming it.</summary>
    public static IReadOnlyList<ConformanceCase> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Conformance cases file {path} does not exist.");
        }

        try
        {
            var cases = JsonSerializer.Deserialize<ConformanceFile>(File.ReadAllText(path), Json)?.Cases;
            return cases is { Count: > 0 } ? cases : throw new InvalidDataException($"{path} holds no cases.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a conformance cases file: {ex.Message}", ex);
        }
    }

    /// <summary>The row's event id.</summary>
    public Guid Id => Guid.Parse(Row.Id);

    /// <summary>The row's payload bytes.</summary>
    public byte[] Payload => Convert.FromBase64String(Row.PayloadBase64);

    /// <summary>The row's timestamp: UTC, as stored in the <c>timestamp without time zone</c> column.</summary>
    public DateTime Timestamp => DateTime.Parse(Row.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed record ConformanceFile(List<ConformanceCase> Cases);
}

/// <summary>The outbox row of a case (payload base64-encoded; timestamp ISO 8601 without offset, UTC).</summary>
public sealed record ConformanceRow(
    string Id, string AggregateType, string AggregateId, string Type, string PayloadBase64, string Timestamp,
    [property: JsonPropertyName("tracingspancontext")] string? TracingSpanContext, long Sequence);

/// <summary>The record a case must produce: topic, partition for the given partition count, key, value, headers in order, timestamp.</summary>
public sealed record ConformanceRecord(
    string Topic, int Partitions, int Partition, string KeyBase64, string ValueBase64, List<ConformanceHeader> Headers, long TimestampMs, string TimestampType);

/// <summary>One expected header (UTF-8 text value).</summary>
public sealed record ConformanceHeader(string Name, string Value);
