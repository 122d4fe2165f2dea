namespace Orders.Api.Http;

/// <summary>One written form per amount: 12.5, 12.50 and 12.500 are the same price.</summary>
internal static class Amounts
{
    /// <summary>
    /// <paramref name="amount"/> with exactly 2 decimals (decimal keeps the scale it was parsed
    /// with; Round trims it to at most 2, adding 0.00 pads it to at least 2).
    /// </summary>
    public static decimal Normalize(decimal amount) => decimal.Round(amount, 2) + 0.00m;
}
