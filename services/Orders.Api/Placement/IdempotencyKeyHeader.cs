using Microsoft.AspNetCore.Http;
using Orders.Api.Http;

namespace Orders.Api.Placement;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF httpapi draft
/// draft-ietf-httpapi-idempotency-key-header): a Structured Field string. The quoted form is
/// accepted and unquoted; a bare token is accepted too, as most clients send one.
/// </summary>
internal static class IdempotencyKeyHeader
{
    /// <summary>Header name.</summary>
    public const string Name = "Idempotency-Key";

    /// <summary>Longest key accepted.</summary>
    public const int MaxLength = 255;

    /// <summary>Reads the key, or returns the 400 problem naming the header.</summary>
    public static bool TryRead(HttpRequest request, out string key, out IResult? problem)
    {
        key = "";
        problem = null;
        var values = request.Headers[Name];
        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            problem = Invalid(values.Count > 1 ? "Send the Idempotency-Key header once." : "The Idempotency-Key header is required on POST /orders.");
            return false;
        }

        var value = values[0]!;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (value.Length > MaxLength || string.IsNullOrWhiteSpace(value) || !value.All(c => c is >= ' ' and <= '~'))
        {
            problem = Invalid($"The Idempotency-Key must be 1 to {MaxLength} printable ASCII characters, not only spaces.");
            return false;
        }

        key = value;
        return true;
    }

    private static IResult Invalid(string message) =>
        Problems.Field(StatusCodes.Status400BadRequest, "The Idempotency-Key header is missing or invalid.", Name, message);
}
