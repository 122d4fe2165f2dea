using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;

namespace Orders.Api.Endpoints;

/// <summary>
/// <c>POST /orders</c>. Everything is checked before the database is touched, so an invalid
/// request writes nothing. Then ONE statement batch, sent in one round trip without BEGIN, which
/// PostgreSQL runs as one implicit transaction (committed at the batch's end, rolled back whole
/// if any statement fails): the order, its outbox row (added by the interceptor in the same
/// SaveChanges) and the Idempotency-Key row with the response, whose INSERT claims the key.
/// A key in flight elsewhere is a 409; a known key fails the batch, and the remembered response
/// is replayed (or 422 for a different body).
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
        for (var attempt = 1; ; attempt++)
        {
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
            try
            {
                await SaveInOneBatchAsync(cancellationToken);
                OrdersLog.OrderPlaced(logger, order.Id, order.CustomerId);
                return new StoredResponseResult(response, replayed: false);
            }
            catch (DbUpdateException ex) when (IdempotencyStore.IsInFlight(ex))
            {
                return Problems.Field(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                    IdempotencyKeyHeader.Name, "Retry after the first request has completed.");
            }
            catch (DbUpdateException ex) when (IdempotencyStore.IsKnown(ex))
            {
                db.ChangeTracker.Clear();
                if (await IdempotencyStore.FindAsync(db, client, key, now, cancellationToken) is { } stored)
                {
                    if (!stored.RequestHash.AsSpan().SequenceEqual(fingerprint))
                    {
                        return Problems.Field(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was already used for a different request.",
                            IdempotencyKeyHeader.Name, "Use a new Idempotency-Key for a different request.");
                    }

                    OrdersLog.Replayed(logger, key, client);
                    return new StoredResponseResult(stored, replayed: true);
                }

                // The row had expired (FindAsync deleted it) or was purged meanwhile: the key is new
                // again, so place the order once more, as a new one (the first was rolled back).
                if (attempt == 3)
                {
                    throw;
                }

                order = PlaceOrderMapping.ToOrder(body, Guid.CreateVersion7(now), now);
            }
        }
    }

    /// <summary>
    /// Saves the tracked order, outbox and key rows as one batch without an explicit transaction:
    /// EF Core sends the three INSERTs as one command (far below the provider's batch size of 1,000;
    /// never configure MaxBatchSize(1) or a MinBatchSize above 3 on this context: separate commands
    /// would commit separately, which the xmin test in PlaceOrderTests would catch), and
    /// PostgreSQL runs the statements before the batch's Sync as one implicit transaction. One
    /// round trip instead of four (BEGIN and claim, outbox insert, inserts, COMMIT), and no point
    /// between the order's INSERT and the COMMIT where a failure of this process could fall.
    /// Guarantee: all three rows commit, durably, before the response is written, or none does.
    /// </summary>
    private Task<int> SaveInOneBatchAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        // Every tracked entity was just added: there is nothing for change detection to find
        // (it would scan them twice, for the outbox interceptor and for the save). The pool puts
        // both settings back to their defaults when this request's context is returned.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Nor anything to accept afterwards (marking each entry Unchanged and snapshotting it):
        // the request ends with this save, and the pooled context forgets its entries when it is
        // returned.
        return db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
    }
}
