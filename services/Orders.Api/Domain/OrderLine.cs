namespace Orders.Api.Domain;

/// <summary>One line of an order: how many of a SKU at what unit price. Immutable.</summary>
public sealed class OrderLine
{
    /// <summary>Longest SKU accepted.</summary>
    public const int MaxSkuLength = 64;

    /// <summary>Most units of one line.</summary>
    public const int MaxQuantity = 1000;

    /// <summary>
    /// Highest unit price accepted. Not a business rule from the issue: it keeps every total
    /// within the contract's <c>Money.units</c> (int64) and the column's precision.
    /// </summary>
    public const decimal MaxUnitPrice = 1_000_000_000m;

    /// <summary>Creates a line; <see cref="Order.Place"/> checks it against the invariants.</summary>
    public OrderLine(string sku, int quantity, decimal unitPrice)
    {
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    /// <summary>Stock keeping unit, 1 to 64 characters.</summary>
    public string Sku { get; private set; }

    /// <summary>Units ordered, 1 to 1000.</summary>
    public int Quantity { get; private set; }

    /// <summary>Price of one unit in the order's currency, at least 0, at most 2 decimals.</summary>
    public decimal UnitPrice { get; private set; }

    /// <summary>Quantity times unit price.</summary>
    public decimal LineTotal => Quantity * UnitPrice;

    /// <summary>Reports every broken invariant under <paramref name="path"/> (e.g. <c>lines[2]</c>).</summary>
    internal void Validate(string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Sku))
        {
            errors.Add(path + ".sku", "sku must not be empty.");
        }
        else if (Sku.Length > MaxSkuLength)
        {
            errors.Add(path + ".sku", $"sku must be at most {MaxSkuLength} characters.");
        }
        else if (TextRules.IdentifierViolation(Sku) is { } where)
        {
            errors.Add(path + ".sku", $"sku must not contain control or invisible formatting characters ({where}).");
        }

        if (Quantity is < 1 or > MaxQuantity)
        {
            errors.Add(path + ".quantity", $"quantity must be between 1 and {MaxQuantity}.");
        }

        if (UnitPrice < 0)
        {
            errors.Add(path + ".unitPrice", "unitPrice must not be negative.");
        }
        else if (UnitPrice > MaxUnitPrice)
        {
            errors.Add(path + ".unitPrice", $"unitPrice must be at most {MaxUnitPrice}.");
        }
        else if (decimal.Round(UnitPrice, 2) != UnitPrice)
        {
            errors.Add(path + ".unitPrice", "unitPrice must have at most 2 decimals.");
        }
    }
}
