using Microsoft.AspNetCore.Http;
using Orders.Api.Domain;

namespace Orders.Api.Security;

/// <summary>
/// Object-level authorization (OWASP API1): a client sees only the orders it placed, an operator
/// every order. Applied as a condition of the query that reads the orders, so it costs no extra
/// round trip, and another client's order is simply not found: the same 404 as an order that
/// does not exist, so its existence is not leaked.
/// </summary>
public static class OrderAccess
{
    /// <summary>The orders of <paramref name="orders"/> the caller of <paramref name="context"/> may see.</summary>
    public static IQueryable<Order> VisibleTo(this IQueryable<Order> orders, IClientIdentity identity, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.IsOperator(context))
        {
            return orders;
        }

        var client = identity.Identify(context);
        return orders.Where(o => o.ClientId == client);
    }
}
