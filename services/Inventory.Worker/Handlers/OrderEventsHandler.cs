using Inventory.Worker.Domain;
using Inventory.Worker.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Messaging.Consuming;
using Platform.Contracts.Orders.V1;

namespace Inventory.Worker.Handlers;

/// <summary>
/// What Inventory does with Order events. Each call runs inside the consumer host's transaction
/// (inbox rows, effects, outbox rows, one commit). <see cref="PrepareAsync"/> runs first for
/// all new events of the transaction; the handlers then read only what it loaded into the
/// change tracker and change tracked state.
/// </summary>
public sealed class OrderEventsHandler(TimeProvider clock)
{
    /// <summary>
    /// Loads, tracked, the reservations of every order concerned and the stock of every sku the
    /// events need (the ordered skus, and the lines of reservations to release). Stock is read
    /// without locking it: every batch of every partition needs the same few rows, so a lock
    /// taken here would make batches take turns for their whole transaction. Changes are written
    /// last, as relative changes, and a take that concurrent ones made impossible fails the
    /// transaction (see <see cref="StockItem"/>). Skus without a stock row are simply not loaded.
    /// </summary>
    public static async Task PrepareAsync(InventoryDbContext db, IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        var orderIds = new List<Guid>(events.Count);
        var cancelled = new HashSet<Guid>();
        var skus = new HashSet<string>(StringComparer.Ordinal);
        foreach (var consumed in events)
        {
            switch (consumed.EventType)
            {
                case OrderEventTypes.OrderPlaced:
                    var request = ReservationRequests.From(consumed.Decode(OrderPlaced.Parser));
                    orderIds.Add(request.OrderId);
                    skus.UnionWith(request.Skus);
                    break;
                case OrderEventTypes.OrderCancelled:
                    var orderId = ReservationRequests.OrderId(consumed.Decode(OrderCancelled.Parser).OrderId);
                    orderIds.Add(orderId);
                    cancelled.Add(orderId);
                    break;
            }
        }

        var reservations = await db.Reservations.Where(r => orderIds.Contains(r.OrderId)).ToListAsync(cancellationToken);
        skus.UnionWith(reservations.Where(r => cancelled.Contains(r.OrderId)).SelectMany(r => r.Lines).Select(line => line.Sku));
        if (skus.Count > 0)
        {
            var keys = skus.ToArray();
            await db.Stock.Where(s => keys.Contains(s.Sku)).LoadAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reserves every line or none. Does nothing when the order already has a reservation (the
    /// same order placed again, or an event replayed past the inbox's retention).
    /// </summary>
    public Task OnPlacedAsync(InventoryDbContext db, OrderPlaced placed, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(placed);
        var request = ReservationRequests.From(placed);
        if (db.Reservations.Local.FindEntry(request.OrderId) is null)
        {
            db.Reservations.Add(Reservation.Place(request, LoadedStock(db, request.Skus), clock.GetUtcNow()));
        }

        return Task.CompletedTask;
    }

    /// <summary>Releases the order's reservation when it is Reserved; a rejected, released or unknown one needs nothing.</summary>
    public Task OnCancelledAsync(InventoryDbContext db, OrderCancelled cancelled, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cancelled);
        var reservation = db.Reservations.Local.FindEntry(ReservationRequests.OrderId(cancelled.OrderId))?.Entity;
        if (reservation is { Status: ReservationStatus.Reserved })
        {
            reservation.Release(LoadedStock(db, [.. reservation.Lines.Select(line => line.Sku)]), clock.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    /// <summary>The stock rows of <paramref name="skus"/> that <see cref="PrepareAsync"/> loaded; unknown skus are absent.</summary>
    private static Dictionary<string, StockItem> LoadedStock(InventoryDbContext db, IEnumerable<string> skus)
    {
        var local = db.Stock.Local;
        var stock = new Dictionary<string, StockItem>(StringComparer.Ordinal);
        foreach (var sku in skus)
        {
            if (local.FindEntry(sku)?.Entity is { } item)
            {
                stock[sku] = item;
            }
        }

        return stock;
    }
}
