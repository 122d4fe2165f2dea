using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orders.Api.Domain;
using Orders.Api.Infrastructure;

namespace Orders.Api.Placement;

/// <summary>
/// The unit of work of <c>POST /orders</c>, under its Idempotency-Key. ONE statement batch, sent in
/// one round trip without BEGIN, which PostgreSQL runs as one implicit transaction (committed at
/// the batch's end, rolled back whole if any statement fails): the order, its outbox row (added by
/// the interceptor in the same SaveChanges) and the Idempotency-Key row with the response, whose
/// INSERT claims the key. Guarantee: all three rows commit, durably, before the response is
/// written, or none does; a key is answered with one order, whatever the retries.
/// </summary>
public sealed class OrderPlacement(OrdersDbContext db, TimeProvider clock, IOptions<IdempotencyOptions> options)
{
    // An expired key found between the claim and the read makes the key new again: place once more.
    private const int Attempts = 3;

    /// <summary>
    /// Places the order <paramref name="create"/> makes (called again when a placement must be
    /// redone) under <paramref name="key"/> of <paramref name="client"/>; <paramref name="respond"/>
    /// is the response remembered with the key.
    /// </summary>
    public async Task<PlacementOutcome> PlaceAsync(
        string client, string key, byte[] fingerprint, Func<Order> create, Func<Order, StoredResponse> respond, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNowInMicroseconds();
        for (var attempt = 1; ; attempt++)
        {
            var order = create();
            var response = respond(order);
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
                return new PlacementOutcome(PlacementResult.Placed, response);
            }
            catch (DbUpdateException ex) when (IdempotencyStore.IsInFlight(ex))
            {
                return new PlacementOutcome(PlacementResult.KeyInFlight);
            }
            catch (DbUpdateException ex) when (IdempotencyStore.IsKnown(ex))
            {
                db.ChangeTracker.Clear();
                if (await IdempotencyStore.FindAsync(db, client, key, now, cancellationToken) is { } stored)
                {
                    return stored.RequestHash.AsSpan().SequenceEqual(fingerprint)
                        ? new PlacementOutcome(PlacementResult.Replayed, stored)
                        : new PlacementOutcome(PlacementResult.KeyUsedForAnotherRequest);
                }

                // The row had expired (FindAsync deleted it) or was purged meanwhile: the key is new
                // again, so place the order once more, as a new one (the first was rolled back).
                if (attempt == Attempts)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// Saves the tracked order, outbox and key rows as one batch without an explicit transaction:
    /// EF Core sends the three INSERTs as one command (far below the provider's batch size of 1,000;
    /// never configure MaxBatchSize(1) or a MinBatchSize above 3 on this context: separate commands
    /// would commit separately, which the xmin test in PlaceOrderTests would catch), and PostgreSQL
    /// runs the statements before the batch's Sync as one implicit transaction: no point between
    /// the order's INSERT and the COMMIT where a failure of this process could fall.
    /// </summary>
    private Task<int> SaveInOneBatchAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        // Every tracked entity was just added: there is nothing for change detection to find
        // (it would scan them twice, for the outbox interceptor and for the save). The pool puts
        // both settings back to their defaults when this request's context is returned.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Nor anything to accept afterwards: the request ends with this save, and the pooled
        // context forgets its entries when it is returned.
        return db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
    }
}
