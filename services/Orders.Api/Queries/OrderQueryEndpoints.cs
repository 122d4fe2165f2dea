using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orders.Api.Http;

namespace Orders.Api.Queries;

/// <summary><c>GET /orders/{id}</c> and <c>GET /orders</c>: maps the routes to <see cref="OrderQueries"/> (rate-limited with the <c>/orders</c> group).</summary>
internal static class OrderQueryEndpoints
{
    /// <summary>Maps the queries on the <paramref name="orders"/> group.</summary>
    public static RouteGroupBuilder MapOrderQueries(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id}", (string id, HttpContext context, OrderQueries queries, CancellationToken cancellationToken) =>
                queries.GetAsync(id, context, cancellationToken))
            .WithName("GetOrder")
            .WithSummary("One order of the caller (any order for an operator); another client's order is 404, as one that does not exist.")
            .Produces<OrderResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapGet("/", (string? customerId, string? status, string? page, string? pageSize, HttpContext context, OrderQueries queries,
                CancellationToken cancellationToken) => queries.ListAsync(customerId, status, page, pageSize, context, cancellationToken))
            .WithName("ListOrders")
            .WithSummary("Pages through the caller's orders (every order for an operator), newest first, optionally filtered by customerId and status.")
            .Produces<OrderPageResponse>()
            .ProducesValidationProblem();
        return orders;
    }
}
