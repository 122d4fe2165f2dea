using System.Globalization;

namespace Orders.Api.Domain;

/// <summary>
/// Which characters a text field may hold. Identifiers (customer id, sku) are shown to people and
/// matched by machines, so they take no control characters, no invisible formatting characters
/// (bidirectional overrides, zero-width spaces: text that displays unlike what it is) and no
/// unpaired surrogates. Free text (a cancellation reason) may hold tabs and line breaks but no
/// other control character; PostgreSQL could not store U+0000 in any case.
/// </summary>
internal static class TextRules
{
    /// <summary>The first character an identifier may not hold, as "U+XXXX at position N", or null when it is clean.</summary>
    public static string? IdentifierViolation(string value) => FirstViolation(value, allowFormatting: false);

    /// <summary>The first character free text may not hold, or null when it is clean.</summary>
    public static string? FreeTextViolation(string value) => FirstViolation(value, allowFormatting: true);

    private static string? FirstViolation(string value, bool allowFormatting)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++; // a whole supplementary character (e.g. an emoji) is fine
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            var refused = category switch
            {
                UnicodeCategory.Surrogate => true,
                UnicodeCategory.Control => !(allowFormatting && c is '\t' or '\n' or '\r'),
                UnicodeCategory.Format => !allowFormatting,
                _ => false,
            };
            if (refused)
            {
                return string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} at position {i}");
            }
        }

        return null;
    }
}
