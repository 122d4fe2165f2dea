using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Orders.V1;

namespace Orders.Api.Domain.Events;

/// <summary>Conversions from domain values to the orders.v1 contract's value types.</summary>
internal static class ContractValues
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>A decimal amount as <c>Money</c>: units plus nanos, both with the amount's sign.</summary>
    public static Money Money(decimal amount)
    {
        var units = decimal.Truncate(amount);
        return new Money { Units = (long)units, Nanos = (int)((amount - units) * NanosPerUnit) };
    }

    /// <summary>A point in time as a protobuf <c>Timestamp</c>.</summary>
    public static Timestamp Timestamp(DateTimeOffset at) => Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(at);
}
