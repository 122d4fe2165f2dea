using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relay.Tests;

/// <summary>One case of tests/conformance/outbox-router-cases.json: an outbox row and the record Debezium makes of it.</summary>
internal sealed record ConformanceCase(string Name, ConformanceRow Row, ConformanceRecord Expected)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<ConformanceCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "conformance", "outbox-router-cases.json");
        return JsonSerializer.Deserialize<ConformanceFile>(File.ReadAllText(path), Json)!.Cases;
    }

    public TestEvent ToEvent() => new(
        Guid.Parse(Row.Id), Row.AggregateType, Row.AggregateId, Row.Type, Convert.FromBase64String(Row.PayloadBase64),
        DateTime.Parse(Row.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        Row.TracingSpanContext, Row.Sequence);

    public override string ToString() => Name;

    private sealed record ConformanceFile(List<ConformanceCase> Cases);
}

internal sealed record ConformanceRow(
    string Id, string AggregateType, string AggregateId, string Type, string PayloadBase64, string Timestamp,
    [property: JsonPropertyName("tracingspancontext")] string? TracingSpanContext, long Sequence);

internal sealed record ConformanceRecord(
    string Topic, int Partitions, int Partition, string KeyBase64, string ValueBase64, List<ConformanceHeader> Headers, long TimestampMs, string TimestampType);

internal sealed record ConformanceHeader(string Name, string Value);
