using System.ComponentModel.DataAnnotations;
using Inventory.Worker.Domain;
using Platform.Contracts;

namespace Inventory.Worker;

/// <summary>Inventory settings (configuration section <c>Inventory</c>), validated at start.</summary>
public sealed class InventoryOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Inventory";

    /// <summary>Consumer group id; also the inbox consumer name and the dead-letter topic prefix.</summary>
    [Required(ErrorMessage = "Inventory:GroupId is required.")]
    [RegularExpression("^[a-zA-Z0-9._-]{1,128}$", ErrorMessage = "Inventory:GroupId must be 1-128 characters of [a-zA-Z0-9._-].")]
    public string GroupId { get; set; } = "inventory";

    /// <summary>Topic of Order events (a setting so tests and staging can use their own).</summary>
    [Required(ErrorMessage = "Inventory:OrderEventsTopic is required.")]
    public string OrderEventsTopic { get; set; } = Topics.OrderEvents;

    /// <summary>
    /// Stock created at start for skus the <c>stock</c> table does not hold yet (sku to units
    /// available). Skus already present are left alone, so a restart never resets stock that
    /// orders have consumed.
    /// </summary>
    public Dictionary<string, int> SeedStock { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (sku, quantity) in SeedStock)
        {
            if (sku.Length > StockItem.MaxSkuLength || string.IsNullOrWhiteSpace(sku))
            {
                yield return new ValidationResult($"Inventory:SeedStock: sku '{sku}' must be 1 to {StockItem.MaxSkuLength} characters.");
            }

            if (quantity < 0)
            {
                yield return new ValidationResult($"Inventory:SeedStock:{sku} must not be negative (got {quantity}).");
            }
        }
    }
}
