using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Orders.Api.Endpoints;

/// <summary>Maps the order endpoints; each delegates to its handler.</summary>
public static class OrderEndpoints
{
    /// <summary>Maps <c>/orders</c>.</summary>
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/orders").WithTags("Orders");

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

        orders.MapPost("/{id}/cancel", (string id, HttpRequest request, CancelOrderHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, request, cancellationToken))
            .WithName("CancelOrder")
            .Accepts<CancelOrderRequest>(isOptional: true, "application/json")
            .Produces<OrderResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }
}
