using Microsoft.EntityFrameworkCore;
using Orders.Api.Http;
using Orders.Api.Infrastructure;
using Orders.Api.Security;

namespace Orders.Api.ReadModel;

/// <summary>
/// <c>GET /orders/{id}/timeline</c> and <c>GET /stats</c>, served from the event-built read model.
/// The timeline of an order is shown to the client that placed it and to operators (for anyone
/// else it is 404, as for an order without events); <c>/stats</c> counts every client's orders,
/// so it is for operators only (403 for a client).
/// </summary>
public static class ReadModelEndpoints
{
    /// <summary>Maps the read model endpoints.</summary>
    public static IEndpointRouteBuilder MapReadModelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{id}/timeline", GetTimelineAsync)
            .WithName("GetOrderTimeline").WithTags("Read model")
            .WithSummary("Every event about an order of the caller (any order for an operator), from all services, in the order they happened.")
            .Produces<TimelineResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireClientRateLimit();
        app.MapGet("/stats", GetStatsAsync)
            .WithName("GetStats").WithTags("Read model")
            .WithSummary("Orders by status, counted live from events; operators only.")
            .RequireAuthorization(OperatorRole.Policy)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireClientRateLimit();
        return app;
    }

    private static async Task<IResult> GetTimelineAsync(string id, HttpContext context, OrdersDbContext db, IClientIdentity identity, CancellationToken ct)
    {
        if (!OrderIds.TryParse(id, out var orderId, out var idProblem))
        {
            return idProblem!;
        }

        var entries = db.Timeline.AsNoTracking().Where(e => e.OrderId == orderId);
        if (!identity.IsOperator(context))
        {
            // In the same query: the caller's own order, or no entries at all.
            var visible = db.Orders.VisibleTo(identity, context);
            entries = entries.Where(e => visible.Any(o => o.Id == orderId));
        }

        var timeline = await entries
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId)
            .Select(e => new TimelineEntryResponse(e.EventId, e.EventType, e.Topic, e.Sequence, e.OccurredAt, e.Summary))
            .ToListAsync(ct);
        return timeline.Count == 0
            ? Problems.Field(StatusCodes.Status404NotFound, "No events recorded for this order.", "id", $"Order {orderId} has no timeline (yet).")
            : Results.Ok(new TimelineResponse(orderId, timeline));
    }

    private static async Task<StatsResponse> GetStatsAsync(OrdersDbContext db, CancellationToken ct)
    {
        var counts = await db.StatusCounts.AsNoTracking().ToDictionaryAsync(c => c.Status, c => c.Count, ct);
        long Get(string status) => counts.GetValueOrDefault(status);
        return new StatsResponse(Get("Placed"), Get("Confirmed"), Get("Cancelled"), Get("Placed") + Get("Confirmed") + Get("Cancelled"));
    }
}

/// <summary>An order's timeline.</summary>
public sealed record TimelineResponse(Guid OrderId, IReadOnlyList<TimelineEntryResponse> Entries);

/// <summary>One timeline entry.</summary>
public sealed record TimelineEntryResponse(Guid EventId, string EventType, string Topic, long? Sequence, DateTimeOffset OccurredAt, string Summary);

/// <summary>Orders by status: Placed ones await payment and stock.</summary>
public sealed record StatsResponse(long Placed, long Confirmed, long Cancelled, long Total);
