using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orders.Api.Domain;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Api.Security;

namespace Orders.Api.Cancellation;

/// <summary>
/// <c>POST /orders/{id}/cancel</c>. Optimistic concurrency on the order's version: when another
/// writer got there first, reload and decide again (it may have confirmed or cancelled the order,
/// which the next attempt answers with 409); after a few lost races, 409. Only the client that
/// placed the order, or an operator, may cancel it (<see cref="OrderAccess"/>): for anyone else the
/// order is not found (404) and nothing is written.
/// </summary>
public sealed class CancelOrderHandler(OrdersDbContext db, IClientIdentity identity, TimeProvider clock, ILogger<CancelOrderHandler> logger)
{
    /// <summary>Reason recorded when the body gives none.</summary>
    public const string DefaultReason = "Cancelled by the customer.";

    private const int Attempts = 3;

    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(string id, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!OrderIds.TryParse(id, out var orderId, out var idProblem))
        {
            return idProblem!;
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync(request, OrdersJsonContext.Default.CancelOrderRequest, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var reason = body?.Reason ?? DefaultReason;
        for (var attempt = 1; ; attempt++)
        {
            var order = await db.Orders.VisibleTo(identity, request.HttpContext).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null)
            {
                return OrderIds.NotFound(orderId);
            }

            try
            {
                order.Cancel(reason, CancellationSources.Customer, clock.GetUtcNowInMicroseconds());
            }
            catch (OrderValidationException ex)
            {
                return Problems.Invalid(ex.Errors.ToDictionary());
            }
            catch (OrderStateException ex)
            {
                return Problems.Field(StatusCodes.Status409Conflict, "The order can no longer be cancelled.", "status", ex.Message);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                OrdersLog.OrderCancelled(logger, orderId);
                return TypedResults.Ok(OrderResponse.From(order));
            }
            catch (DbUpdateConcurrencyException)
            {
                OrdersLog.ConcurrencyConflict(logger, orderId, attempt, Attempts);
                if (attempt == Attempts)
                {
                    return Problems.Field(StatusCodes.Status409Conflict, "The order is being changed concurrently.", "version",
                        "The order changed while it was being cancelled; retry.");
                }

                // Forget the stale order and its unsaved outbox rows; the next attempt reloads.
                db.ChangeTracker.Clear();
            }
        }
    }
}
