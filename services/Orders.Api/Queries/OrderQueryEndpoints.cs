using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orders.Api.Http;

namespace Orders.Api.Queries;

/// <summary><c>GET /orders/{id}</c> and <c>GET /orders</c>: maps the routes to <see cref="OrderQueries"/>.</summary>
internal static class OrderQueryEndpoints
{
    /// <summary>Maps the queries on the <paramref name="orders"/> group.</summary>
    public static RouteGroupBuilder MapOrderQueries(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{id}", (string id, OrderQueries queries, CancellationToken cancellationToken) =>
                queries.GetAsync(id, cancellationToken))
            .WithName("GetOrder")
            .Produces<OrderResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapGet("/", (string? customerId, string? status, string? page, string? pageSize, OrderQueries queries, CancellationToken cancellationToken) =>
                queries.ListAsync(customerId, status, page, pageSize, cancellationToken))
            .WithName("ListOrders")
            .WithSummary("Pages through orders, newest first, optionally filtered by customerId and status.")
            .Produces<OrderPageResponse>()
            .ProducesValidationProblem();
        return orders;
    }
}
