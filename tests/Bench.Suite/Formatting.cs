using System.Globalization;
using Bench.Reporting;

namespace Bench.Suite;

/// <summary>The one way figures are written in the console table, the markdown table and the HTML report.</summary>
public static class Formatting
{
    /// <summary>A number with separators; fewer decimals as it grows; <c>-</c> when not measured.</summary>
    public static string Number(double? value) => value switch
    {
        null => "-",
        var v when !double.IsFinite(v.Value) => "-",
        var v when Math.Abs(v.Value) >= 100 => v.Value.ToString("N0", CultureInfo.InvariantCulture),
        var v when Math.Abs(v.Value) >= 10 => v.Value.ToString("N1", CultureInfo.InvariantCulture),
        var v => v.Value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    /// <summary>Value and unit.</summary>
    public static string Value(BenchRecord record) => $"{Number(record.Value)} {record.Unit}";

    /// <summary>The baseline or limit with its label, or <c>-</c>.</summary>
    public static string Reference(BenchRecord record) =>
        record.Reference is null ? "-" : $"{Number(record.Reference)} {record.Unit} ({record.ReferenceLabel})";

    /// <summary>value / reference as a percentage for baselines, as a factor otherwise.</summary>
    public static string Ratio(BenchRecord record) => record.Ratio switch
    {
        null => "-",
        var r when record.ReferenceLabel != "limit" => r.Value.ToString("P0", CultureInfo.InvariantCulture),
        var r => r.Value.ToString(r.Value < 0.1 ? "0.###" : "0.00", CultureInfo.InvariantCulture) + "x",
    };

    /// <summary><c>yes</c>, <c>no</c> or <c>-</c>.</summary>
    public static string Met(BenchRecord record) => record.Met switch
    {
        true => "yes",
        false => "no",
        null => "-",
    };
}
