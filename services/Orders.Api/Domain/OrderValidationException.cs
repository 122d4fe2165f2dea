namespace Orders.Api.Domain;

/// <summary>An order (or a change to it) breaks an invariant; each error names the field.</summary>
public sealed class OrderValidationException : Exception
{
    /// <summary>Creates the exception from errors keyed by field path.</summary>
    public OrderValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("The order is invalid: " + string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value))))
    {
        Errors = errors;
    }

    /// <summary>Errors keyed by field path, e.g. <c>lines[2].quantity</c>.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
