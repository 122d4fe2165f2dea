using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Orders.Api.Http;

namespace Orders.Api.Placement;

/// <summary>
/// SHA-256 of a <see cref="PlaceOrderRequest"/> re-serialized in one canonical form (fixed
/// property order, no whitespace, amounts with 2 decimals), so that a retry whose JSON differs
/// only in formatting, property order or <c>12.5</c> versus <c>12.50</c> counts as the same
/// request, while any change of meaning does not.
/// </summary>
internal static class RequestFingerprint
{
    /// <summary>Fingerprint of a request that passed validation (no null fields).</summary>
    public static byte[] Of(PlaceOrderRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("customerId", request.CustomerId);
            json.WriteString("currency", request.Currency);
            json.WriteStartArray("lines");
            foreach (var line in request.Lines!)
            {
                json.WriteStartObject();
                json.WriteString("sku", line!.Sku);
                json.WriteNumber("quantity", line.Quantity!.Value);
                json.WriteNumber("unitPrice", Amounts.Normalize(line.UnitPrice!.Value));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return SHA256.HashData(buffer.WrittenSpan);
    }
}
