using Microsoft.AspNetCore.Http;

namespace Orders.Api.Http;

/// <summary>The <c>{id}</c> route value: parsed by us so a malformed one is a 400 naming <c>id</c>.</summary>
internal static class OrderIds
{
    /// <summary>Parses <paramref name="value"/> as a UUID, or returns the 400 problem.</summary>
    public static bool TryParse(string value, out Guid id, out IResult? problem)
    {
        problem = Guid.TryParse(value, out id)
            ? null
            : Problems.Field(StatusCodes.Status400BadRequest, "The order id is malformed.", "id", "id must be a UUID.");
        return problem is null;
    }

    /// <summary>The 404 problem for an order that does not exist.</summary>
    public static IResult NotFound(Guid id) =>
        Problems.Field(StatusCodes.Status404NotFound, "The order does not exist.", "id", $"No order has id {id}.");
}
