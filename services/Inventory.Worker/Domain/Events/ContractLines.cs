using Platform.Contracts.Inventory.V1;

namespace Inventory.Worker.Domain.Events;

/// <summary>Reservation lines in their inventory.v1 contract form.</summary>
internal static class ContractLines
{
    public static IEnumerable<ReservedLine> From(IEnumerable<ReservationLine> lines) =>
        lines.Select(line => new ReservedLine { Sku = line.Sku, Quantity = line.Quantity });
}
