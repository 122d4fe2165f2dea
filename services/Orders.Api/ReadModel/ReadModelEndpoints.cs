using Microsoft.EntityFrameworkCore;
using Orders.Api.Infrastructure;

namespace Orders.Api.ReadModel;

/// <summary><c>GET /orders/{id}/timeline</c> and <c>GET /stats</c>, served from the event-built read model.</summary>
public static class ReadModelEndpoints
{
    /// <summary>Maps the read model endpoints.</summary>
    public static IEndpointRouteBuilder MapReadModelEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{id}/timeline", GetTimelineAsync)
            .WithName("GetOrderTimeline").WithTags("Read model")
            .WithSummary("Every event about the order, from all services, in the order they happened.");
        app.MapGet("/stats", GetStatsAsync)
            .WithName("GetStats").WithTags("Read model")
            .WithSummary("Orders by status, counted live from events.");
        return app;
    }

    private static async Task<IResult> GetTimelineAsync(string id, OrdersDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var orderId))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id must be a UUID."] });
        }

        var entries = await db.Timeline.AsNoTracking().Where(e => e.OrderId == orderId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId)
            .Select(e => new TimelineEntryResponse(e.EventId, e.EventType, e.Topic, e.Sequence, e.OccurredAt, e.Summary))
            .ToListAsync(ct);
        return entries.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No events recorded for this order.", detail: $"Order {orderId} has no timeline (yet).")
            : Results.Ok(new TimelineResponse(orderId, entries));
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
