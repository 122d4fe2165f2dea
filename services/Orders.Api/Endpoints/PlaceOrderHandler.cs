using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;

namespace Orders.Api.Endpoints;

/// <summary>
/// <c>POST /orders</c>. Everything is checked before the database is touched, so an invalid
/// request writes nothing. Then one transaction: claim the Idempotency-Key (advisory lock),
/// replay or refuse if it is known, else insert the order, its outbox row (by the interceptor,
/// in the same SaveChanges) and the key row with the response, and commit.
/// </summary>
public sealed class PlaceOrderHandler(
    OrdersDbContext db, IClientIdentity identity, TimeProvider clock, IOptions<IdempotencyOptions> options, ILogger<PlaceOrderHandler> logger)
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
        Order order;
        try
        {
            order = PlaceOrderMapping.ToOrder(body, Guid.CreateVersion7(now), now);
        }
        catch (OrderValidationException ex)
        {
            return Problems.Invalid(ex.Errors.ToDictionary());
        }

        var fingerprint = RequestFingerprint.Of(body);
        var client = identity.Identify(request.HttpContext);
        // No savepoint before SaveChanges (EF's default inside a user transaction): it would cost
        // a round trip, and on failure the whole transaction is rolled back anyway.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lookup = await IdempotencyStore.ClaimAsync(db, client, key, now, cancellationToken);
        if (lookup.InFlight)
        {
            return Problems.Field(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                IdempotencyKeyHeader.Name, "Retry after the first request has completed.");
        }

        if (lookup.Stored is { } stored)
        {
            if (!stored.RequestHash.AsSpan().SequenceEqual(fingerprint))
            {
                return Problems.Field(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was already used for a different request.",
                    IdempotencyKeyHeader.Name, "Use a new Idempotency-Key for a different request.");
            }

            OrdersLog.Replayed(logger, key, client);
            return new StoredResponseResult(stored, replayed: true);
        }

        var response = new StoredResponse(fingerprint, StatusCodes.Status201Created, "/orders/" + order.Id,
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(OrderResponse.From(order), OrdersJsonContext.Default.OrderResponse));
        db.Orders.Add(order);
        db.IdempotencyKeys.Add(new IdempotencyRecord
        {
            ClientId = client,
            Key = key,
            RequestHash = fingerprint,
            StatusCode = response.StatusCode,
            Location = response.Location,
            ResponseBody = response.Body,
            CreatedAt = now,
            ExpiresAt = now + options.Value.KeyLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        OrdersLog.OrderPlaced(logger, order.Id, order.CustomerId);
        return new StoredResponseResult(response, replayed: false);
    }
}
