using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Orders.Api.Domain;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Api.Security;

namespace Orders.Api.Queries;

/// <summary>
/// <c>GET /orders/{id}</c> and <c>GET /orders</c>; read-only, untracked. A client sees only its own
/// orders (<see cref="OrderAccess"/>): another client's order is 404, and lists and filters hold
/// only the caller's orders; an operator sees every order.
/// </summary>
public sealed class OrderQueries(OrdersDbContext db, IClientIdentity identity)
{
    /// <summary>Default page size.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>Largest page size.</summary>
    public const int MaxPageSize = 100;

    /// <summary>One order the caller of <paramref name="context"/> may see, or 404.</summary>
    public async Task<IResult> GetAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (!OrderIds.TryParse(id, out var orderId, out var problem))
        {
            return problem!;
        }

        var order = await db.Orders.AsNoTracking().VisibleTo(identity, context).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        return order is null ? OrderIds.NotFound(orderId) : TypedResults.Ok(OrderResponse.From(order));
    }

    /// <summary>
    /// One page of the orders the caller of <paramref name="context"/> may see, newest first,
    /// optionally of one customer and/or in one status. Query values arrive as strings so that a
    /// bad one is a 400 naming it, not a binder error.
    /// </summary>
    public async Task<IResult> ListAsync(
        string? customerId, string? status, string? page, string? pageSize, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        OrderStatus? statusFilter = null;
        if (status is not null)
        {
            if (Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(status[0]))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add("status", "status must be Placed, Confirmed or Cancelled.");
            }
        }

        var pageNumber = ParseInt(page, "page", 1, 1, int.MaxValue / MaxPageSize, errors);
        var size = ParseInt(pageSize, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var query = db.Orders.AsNoTracking().VisibleTo(identity, context);
        if (!string.IsNullOrEmpty(customerId))
        {
            query = query.Where(o => o.CustomerId == customerId);
        }

        if (statusFilter is { } wanted)
        {
            query = query.Where(o => o.Status == wanted);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var orders = await query.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id)
            .Skip((pageNumber - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new OrderPageResponse([.. orders.Select(OrderResponse.From)], pageNumber, size, total));
    }

    private static int ParseInt(string? value, string field, int fallback, int min, int max, ValidationErrors errors)
    {
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        errors.Add(field, $"{field} must be a whole number between {min} and {max}.");
        return fallback;
    }
}
