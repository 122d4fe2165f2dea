namespace Platform.Relay.Records;

/// <summary>
/// One entry of Debezium's <c>table.fields.additional.placement</c> (<c>column:placement[:alias]</c>).
/// Only <c>header</c> placement is supported: <c>envelope</c> would wrap the payload and change the
/// record value, which this project's records carry unchanged.
/// </summary>
/// <param name="Column">Outbox column to copy.</param>
/// <param name="Header">Header name (the alias; the column name when no alias is given).</param>
public sealed record AdditionalPlacement(string Column, string Header)
{
    /// <summary>Parses a comma-separated list, keeping its order (the header order of each record).</summary>
    /// <exception cref="FormatException">An entry is malformed, not a header placement, or names an unknown column.</exception>
    public static IReadOnlyList<AdditionalPlacement> ParseList(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return [];
        }

        var placements = new List<AdditionalPlacement>();
        foreach (var entry in setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrEmpty))
            {
                throw new FormatException($"'{entry}' is not column:placement[:alias].");
            }

            if (!parts[1].Equals("header", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"'{entry}': only header placement is supported (envelope would change the record value).");
            }

            if (!OutboxRow.PlaceableColumns.Contains(parts[0]))
            {
                throw new FormatException($"'{entry}': '{parts[0]}' is not an outbox column that can be placed in a header.");
            }

            placements.Add(new AdditionalPlacement(parts[0], parts.Length == 3 ? parts[2] : parts[0]));
        }

        return placements;
    }
}
