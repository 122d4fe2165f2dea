namespace Orders.Api.Domain;

/// <summary>
/// Collects every broken rule of one request, keyed by the field path the client sent
/// (<c>lines[2].quantity</c>), so a client sees all of its mistakes at once.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when nothing was reported.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Reports that <paramref name="field"/> breaks a rule.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Throws <see cref="OrderValidationException"/> when anything was reported.</summary>
    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new OrderValidationException(ToDictionary());
        }
    }

    /// <summary>The errors in the shape of RFC 9457 validation problem details.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
