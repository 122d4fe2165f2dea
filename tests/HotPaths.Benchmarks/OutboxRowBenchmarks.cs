using BenchmarkDotNet.Attributes;
using Orders.Api.Domain;
using Platform.Persistence.Outbox;

namespace HotPaths.Benchmarks;

/// <summary>
/// A domain event to its outbox row (<see cref="OutboxInterceptor.RowFor"/>, what the
/// interceptor runs for every raised event inside SaveChanges): UUID v7, contract mapping,
/// Protobuf serialization. Also the whole step from placing an order to its row.
/// </summary>
[MemoryDiagnoser]
public class OutboxRowBenchmarks
{
    private readonly string _traceContext = "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private Order _order = null!;
    private RaisedEvent _placed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _order = Place();
        _placed = _order.PendingEvents[0];
    }

    [Benchmark]
    public OutboxMessage OutboxRowFromOrderPlaced() => OutboxInterceptor.RowFor(_order, _placed, DateTimeOffset.UtcNow, _traceContext);

    [Benchmark]
    public OutboxMessage PlaceOrderToOutboxRow()
    {
        var order = Place();
        return OutboxInterceptor.RowFor(order, order.TakePendingEvents()[0], DateTimeOffset.UtcNow, _traceContext);
    }

    private static Order Place() =>
        Order.Place(Guid.NewGuid(), "customer-1", "EUR", [new OrderLine("SKU-1", 2, 12.50m), new OrderLine("SKU-2", 1, 5m)], DateTimeOffset.UtcNow);
}
