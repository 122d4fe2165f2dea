using System.Globalization;
using Inventory.Worker.Domain.Events;
using Platform.Contracts;
using Platform.Domain;

namespace Inventory.Worker.Domain;

/// <summary>
/// The stock reservation of one order (its id is the order id). Created already decided:
/// Reserved, having taken every line from stock, or Rejected, having taken nothing. A Reserved
/// reservation can be Released once, returning its units. Every change raises its event.
/// </summary>
public sealed class Reservation : AggregateRoot
{
    private readonly List<ReservationLine> _lines = [];
    private List<string> _rejectedSkus = [];

    // For EF Core materialisation only.
    private Reservation()
    {
    }

    /// <summary>The order; the reservation's id and the Kafka key of its events.</summary>
    public Guid OrderId { get; private set; }

    /// <summary>Who ordered.</summary>
    public string CustomerId { get; private set; } = "";

    /// <summary>What the order asked for, one line per sku.</summary>
    public IReadOnlyList<ReservationLine> Lines => _lines;

    /// <summary>Where the reservation is in its life.</summary>
    public ReservationStatus Status { get; private set; }

    /// <summary>Why it was rejected, when it was.</summary>
    public string? RejectionReason { get; private set; }

    /// <summary>The short or unknown skus, when it was rejected.</summary>
    public IReadOnlyList<string> RejectedSkus => _rejectedSkus;

    /// <summary>When it was reserved or rejected.</summary>
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>When it was released, if it was.</summary>
    public DateTimeOffset? ReleasedAt { get; private set; }

    /// <inheritdoc />
    public override string AggregateType => AggregateTypes.Inventory;

    /// <inheritdoc />
    public override string AggregateId => OrderId.ToString();

    /// <summary>
    /// Reserves every line of <paramref name="request"/> from <paramref name="stock"/> (raising
    /// <see cref="StockReserved"/>), or, when any sku is short or missing from
    /// <paramref name="stock"/>, takes nothing and is Rejected naming those skus (raising
    /// <see cref="StockRejected"/>).
    /// </summary>
    public static Reservation Place(ReservationRequest request, IReadOnlyDictionary<string, StockItem> stock, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stock);
        var reservation = new Reservation { OrderId = request.OrderId, CustomerId = request.CustomerId, DecidedAt = at };
        reservation._lines.AddRange(request.Lines);
        var unknown = request.Lines.Where(line => !stock.ContainsKey(line.Sku)).Select(line => line.Sku).ToList();
        var shortLines = request.Lines.Where(line => stock.TryGetValue(line.Sku, out var item) && item.Available < line.Quantity).ToList();
        if (unknown.Count > 0 || shortLines.Count > 0)
        {
            reservation.Status = ReservationStatus.Rejected;
            reservation._rejectedSkus = [.. unknown.Concat(shortLines.Select(line => line.Sku)).Order(StringComparer.Ordinal)];
            reservation.RejectionReason = DescribeRejection(unknown, shortLines, stock);
            reservation.Raise(new StockRejected(request, reservation.RejectionReason, reservation._rejectedSkus, at));
            return reservation;
        }

        foreach (var line in request.Lines)
        {
            stock[line.Sku].Take(line.Quantity);
        }

        reservation.Status = ReservationStatus.Reserved;
        reservation.Raise(new StockReserved(request, at));
        return reservation;
    }

    /// <summary>Returns every line to <paramref name="stock"/> (raising <see cref="StockReleased"/>); only from Reserved.</summary>
    /// <exception cref="InvalidOperationException">The reservation is not Reserved, or a sku's stock row is missing.</exception>
    public void Release(IReadOnlyDictionary<string, StockItem> stock, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(stock);
        if (Status != ReservationStatus.Reserved)
        {
            throw new InvalidOperationException($"Reservation {OrderId} is {Status}; only a Reserved reservation can be released.");
        }

        foreach (var line in _lines)
        {
            if (!stock.TryGetValue(line.Sku, out var item))
            {
                throw new InvalidOperationException($"Reservation {OrderId}: stock row of sku {line.Sku} is missing; cannot return {line.Quantity} units.");
            }

            item.Return(line.Quantity);
        }

        Status = ReservationStatus.Released;
        ReleasedAt = at;
        Raise(new StockReleased(new ReservationRequest(OrderId, CustomerId, [.. _lines]), at));
    }

    private static string DescribeRejection(List<string> unknown, List<ReservationLine> shortLines, IReadOnlyDictionary<string, StockItem> stock)
    {
        var parts = new List<string>();
        if (shortLines.Count > 0)
        {
            parts.Add("short: " + string.Join(", ", shortLines.Select(line => string.Create(
                CultureInfo.InvariantCulture, $"{line.Sku} (requested {line.Quantity}, available {stock[line.Sku].Available})"))));
        }

        if (unknown.Count > 0)
        {
            parts.Add("unknown: " + string.Join(", ", unknown));
        }

        return string.Join("; ", parts);
    }
}
