using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Contracts.Orders.V1;

namespace HotPaths.Benchmarks;

/// <summary>An OrderPlaced contract (two lines) to Protobuf bytes and back: what every outbox row and every consumer pays.</summary>
[MemoryDiagnoser]
public class EventSerializationBenchmarks
{
    private readonly OrderPlaced _placed = new()
    {
        OrderId = Guid.NewGuid().ToString(),
        CustomerId = "customer-1",
        Currency = "EUR",
        Total = 30m.ToMoney(),
        PlacedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow),
        Lines =
        {
            new OrderLine { Sku = "SKU-1", Quantity = 2, UnitPrice = 12.50m.ToMoney() },
            new OrderLine { Sku = "SKU-2", Quantity = 1, UnitPrice = 5m.ToMoney() },
        },
    };

    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup() => _bytes = _placed.ToByteArray();

    [Benchmark]
    public byte[] SerializeOrderPlaced() => _placed.ToByteArray();

    [Benchmark]
    public OrderPlaced ParseOrderPlaced() => OrderPlaced.Parser.ParseFrom(_bytes);
}
