using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

using Orders.Api.Http;

namespace Orders.Api.Placement;

/// <summary><c>POST /orders</c>: maps the route to <see cref="PlaceOrderHandler"/>.</summary>
internal static class PlaceOrderEndpoint
{
    /// <summary>Maps <c>POST /orders</c> on the <paramref name="orders"/> group.</summary>
    public static RouteGroupBuilder MapPlaceOrder(this RouteGroupBuilder orders)
    {
        orders.MapPost("/", (HttpRequest request, PlaceOrderHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, cancellationToken))
            .WithName("PlaceOrder")
            .WithSummary("Places an order. Requires an Idempotency-Key header; a retry with the same key and body gets the original response.")
            .Accepts<PlaceOrderRequest>("application/json")
            .Produces<OrderResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKeyHeader.Name,
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "1 to 255 printable ASCII characters, unique per intended order; remembered for Idempotency:KeyLifetime (24 h by default).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeyHeader.MaxLength },
                });
                return Task.CompletedTask;
            });
        return orders;
    }
}
