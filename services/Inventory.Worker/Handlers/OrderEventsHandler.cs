using Inventory.Worker.Domain;
using Inventory.Worker.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Orders.V1;
using Platform.Messaging.Consuming;

namespace Inventory.Worker.Handlers;

/// <summary>
/// What Inventory does with Order events. Each call runs inside the consumer host's transaction
/// (inbox row, effect, outbox rows, one commit), so a handler only changes tracked state.
/// </summary>
public sealed class OrderEventsHandler(TimeProvider clock)
{
    /// <summary>
    /// Reserves every line or none. Does nothing when the order already has a reservation (the
    /// same order placed again, or an event replayed past the inbox's retention).
    /// </summary>
    public async Task OnPlacedAsync(InventoryDbContext db, OrderPlaced placed, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(placed);
        var request = ReservationRequests.From(placed);
        if (await db.Reservations.AnyAsync(r => r.OrderId == request.OrderId, cancellationToken))
        {
            return;
        }

        var stock = await LockStockAsync(db, request.Skus, cancellationToken);
        db.Reservations.Add(Reservation.Place(request, stock, clock.GetUtcNow()));
    }

    /// <summary>Releases the order's reservation when it is Reserved; a rejected, released or unknown one needs nothing.</summary>
    public async Task OnCancelledAsync(InventoryDbContext db, OrderCancelled cancelled, ConsumedEvent consumed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cancelled);
        var orderId = ReservationRequests.OrderId(cancelled.OrderId);
        var reservation = await db.Reservations.SingleOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (reservation is not { Status: ReservationStatus.Reserved })
        {
            return;
        }

        var stock = await LockStockAsync(db, [.. reservation.Lines.Select(line => line.Sku)], cancellationToken);
        reservation.Release(stock, clock.GetUtcNow());
    }

    /// <summary>
    /// Reads and row-locks the stock of <paramref name="skus"/> until the host commits. Postgres
    /// locks rows as the sorted result is produced (LockRows runs above Sort), so every
    /// transaction locks in the same sku order and two orders sharing skus cannot deadlock.
    /// Skus without a row are simply absent from the result.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, StockItem>> LockStockAsync(
        InventoryDbContext db, IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var keys = skus.ToArray();
        var rows = await db.Stock
            .FromSql($"SELECT sku, available FROM stock WHERE sku = ANY({keys}) ORDER BY sku FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(row => row.Sku, StringComparer.Ordinal);
    }
}
