using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orders.Api.Http;

namespace Orders.Api.Cancellation;

/// <summary><c>POST /orders/{id}/cancel</c>: maps the route to <see cref="CancelOrderHandler"/>.</summary>
internal static class CancelOrderEndpoint
{
    /// <summary>Maps the cancellation on the <paramref name="orders"/> group.</summary>
    public static RouteGroupBuilder MapCancelOrder(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{id}/cancel", (string id, HttpRequest request, CancelOrderHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, request, cancellationToken))
            .WithName("CancelOrder")
            .WithSummary("Cancels a placed order of the caller (any order for an operator); another client's order is 404, and nothing changes.")
            .Accepts<CancelOrderRequest>(isOptional: true, "application/json")
            .Produces<OrderResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return orders;
    }
}
