using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Orders.Api.Domain;
using Platform.Domain;
using Platform.Persistence.Outbox;

namespace HotPaths.Benchmarks;

/// <summary>
/// A domain event to its outbox row (a UUID v7 and <see cref="OutboxInterceptor.RowFor"/>, what
/// the interceptor runs for every raised event inside SaveChanges): contract mapping, Protobuf
/// serialization. Also the whole step from placing an order (inside a trace) to its row.
/// </summary>
[MemoryDiagnoser]
public class OutboxRowBenchmarks
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private Order _order = null!;
    private RaisedEvent _placed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _order = Place();
        _placed = _order.PendingEvents[0] with { TraceParent = TraceParent };
    }

    [Benchmark]
    public OutboxMessage OutboxRowFromOrderPlaced() => OutboxInterceptor.RowFor(Guid.CreateVersion7(DateTimeOffset.UtcNow), _order, _placed);

    [Benchmark]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet runs benchmarks as instance methods.")]
    public OutboxMessage PlaceOrderToOutboxRow()
    {
        using var trace = new Activity("place order").Start();
        var order = Place();
        return OutboxInterceptor.RowFor(Guid.CreateVersion7(DateTimeOffset.UtcNow), order, order.TakePendingEvents()[0]);
    }

    private static Order Place() =>
        Order.Place(Guid.NewGuid(), "client-1", "customer-1", "EUR", [new OrderLine("SKU-1", 2, 12.50m), new OrderLine("SKU-2", 1, 5m)], DateTimeOffset.UtcNow);
}
