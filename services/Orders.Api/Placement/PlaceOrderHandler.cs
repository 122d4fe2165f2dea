using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orders.Api.Domain;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Api.Security;

namespace Orders.Api.Placement;

/// <summary>
/// <c>POST /orders</c>, the HTTP side: everything is checked before the database is touched, so an
/// invalid request writes nothing; then <see cref="OrderPlacement"/> commits the order under its
/// Idempotency-Key, and its outcome becomes the response (201, the replayed original, 409 for a key
/// in flight, 422 for a key used for a different request).
/// </summary>
public sealed class PlaceOrderHandler(OrderPlacement placement, IClientIdentity identity, TimeProvider clock, ILogger<PlaceOrderHandler> logger)
{
    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IdempotencyKeyHeader.TryRead(request, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync(request, OrdersJsonContext.Default.PlaceOrderRequest, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (body is null)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "The request body is required.", "body", "Send the order as a JSON object.");
        }

        var missing = PlaceOrderMapping.MissingFields(body);
        if (!missing.IsEmpty)
        {
            return Problems.Invalid(missing);
        }

        var now = clock.GetUtcNowInMicroseconds();
        // The caller owns the order: its owner is a column of the order row, written in the same
        // batch, and the same principal scopes the Idempotency-Key.
        var client = identity.Identify(request.HttpContext);
        Order first;
        try
        {
            first = PlaceOrderMapping.ToOrder(body, client, Guid.CreateVersion7(now), now);
        }
        catch (OrderValidationException ex)
        {
            return Problems.Invalid(ex.Errors.ToDictionary());
        }

        var fingerprint = RequestFingerprint.Of(body);
        // The first attempt places the order built above; a redone one (the key had expired
        // meanwhile) a new order with a new id.
        var attempts = 0;
        Order? order = null;
        var outcome = await placement.PlaceAsync(client, key, fingerprint,
            () => order = attempts++ == 0 ? first : PlaceOrderMapping.ToOrder(body, client, Guid.CreateVersion7(now), now),
            placed => new StoredResponse(fingerprint, StatusCodes.Status201Created, "/orders/" + placed.Id,
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(OrderResponse.From(placed), OrdersJsonContext.Default.OrderResponse)),
            cancellationToken);
        switch (outcome.Result)
        {
            case PlacementResult.Placed:
                OrdersLog.OrderPlaced(logger, order!.Id, order.CustomerId);
                return new StoredResponseResult(outcome.Response!, replayed: false);
            case PlacementResult.Replayed:
                OrdersLog.Replayed(logger, key, client);
                return new StoredResponseResult(outcome.Response!, replayed: true);
            case PlacementResult.KeyInFlight:
                return Problems.Field(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                    IdempotencyKeyHeader.Name, "Retry after the first request has completed.");
            default:
                return Problems.Field(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was already used for a different request.",
                    IdempotencyKeyHeader.Name, "Use a new Idempotency-Key for a different request.");
        }
    }
}
