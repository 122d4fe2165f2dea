using Platform.Contracts.Orders.V1;

namespace Platform.Contracts;

/// <summary>Converts between <see cref="decimal"/> and the contracts' <see cref="Money"/> (units + nanos).</summary>
public static class MoneyExtensions
{
    private const decimal NanosPerUnit = 1_000_000_000m;

    /// <summary>The contract form of <paramref name="amount"/>; units and nanos share its sign.</summary>
    public static Money ToMoney(this decimal amount)
    {
        var units = decimal.Truncate(amount);
        return new Money { Units = (long)units, Nanos = (int)((amount - units) * NanosPerUnit) };
    }

    /// <summary>The decimal value of <paramref name="money"/>.</summary>
    public static decimal ToDecimal(this Money money)
    {
        ArgumentNullException.ThrowIfNull(money);
        return money.Units + money.Nanos / NanosPerUnit;
    }
}
