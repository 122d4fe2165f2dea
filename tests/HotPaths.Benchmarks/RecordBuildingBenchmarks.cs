using BenchmarkDotNet.Attributes;
using Platform.Relay.Configuration;
using Platform.Relay.Records;

namespace HotPaths.Benchmarks;

/// <summary>
/// The relay's per-event work after decoding: <see cref="OutboxRecordBuilder.Build"/> with the
/// relay's default routing and header placements (topic, key, headers, timestamp).
/// </summary>
[MemoryDiagnoser]
public class RecordBuildingBenchmarks
{
    private OutboxRecordBuilder _builder = null!;
    private OutboxRow _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        var defaults = new RelayOptions();
        _builder = new OutboxRecordBuilder(new TopicRouter(defaults.RouteTopicRegex, defaults.RouteTopicReplacement), AdditionalPlacement.ParseList(defaults.AdditionalPlacement));
        _row = new OutboxRow(Guid.CreateVersion7().ToString(), "order", Guid.NewGuid().ToString(), "OrderPlaced", new byte[120],
            OutboxRow.ToEpochMicros(DateTime.UtcNow), "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "1");
    }

    [Benchmark]
    public OutboxRecord BuildRecordWithHeaders() => _builder.Build(_row);
}
