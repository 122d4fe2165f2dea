using Orders.Api.Domain;

namespace Orders.Api.Placement;

/// <summary>
/// From the request body to the domain: presence of fields is checked here (JSON null or absent);
/// the values themselves are the aggregate's business, checked by <see cref="Order.Place"/>.
/// </summary>
internal static class PlaceOrderMapping
{
    /// <summary>Reports every required field that is null or absent.</summary>
    public static ValidationErrors MissingFields(PlaceOrderRequest request)
    {
        var errors = new ValidationErrors();
        Require(request.CustomerId, "customerId", errors);
        Require(request.Currency, "currency", errors);
        if (request.Lines is null)
        {
            errors.Add("lines", "lines is required.");
            return errors;
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            var path = $"lines[{i}]";
            if (line is null)
            {
                errors.Add(path, "Each line must be an object.");
                continue;
            }

            Require(line.Sku, path + ".sku", errors);
            Require(line.Quantity, path + ".quantity", errors);
            Require(line.UnitPrice, path + ".unitPrice", errors);
        }

        return errors;
    }

    /// <summary>Places the order a complete request of <paramref name="clientId"/> describes; throws <see cref="OrderValidationException"/>.</summary>
    public static Order ToOrder(PlaceOrderRequest request, string clientId, Guid id, DateTimeOffset now)
    {
        var lines = new OrderLine[request.Lines!.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = request.Lines[i]!;
            lines[i] = new OrderLine(line.Sku!, line.Quantity!.Value, line.UnitPrice!.Value);
        }

        return Order.Place(id, clientId, request.CustomerId!, request.Currency!, lines, now);
    }

    private static void Require(object? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, field[(field.LastIndexOf('.') + 1)..] + " is required.");
        }
    }
}
