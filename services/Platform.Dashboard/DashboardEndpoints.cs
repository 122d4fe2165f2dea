using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Dashboard.Internals;

namespace Platform.Dashboard;

/// <summary>The dashboard's routes: the page, <c>GET /api/snapshot</c> and <c>POST /api/dead-letters/redrive</c>.</summary>
public static class DashboardEndpoints
{
    /// <summary>Maps the page, its assets and its API (services registered by <see cref="DashboardApplication.Build"/>).</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext c) => StaticAssets.Serve(c, "index.html", "text/html; charset=utf-8"));
        app.MapGet("/dashboard.js", (HttpContext c) => StaticAssets.Serve(c, "dashboard.js", "text/javascript; charset=utf-8"));
        app.MapGet("/dashboard.css", (HttpContext c) => StaticAssets.Serve(c, "dashboard.css", "text/css; charset=utf-8"));
        app.MapGet("/api/snapshot", async (SnapshotSampler sampler, CancellationToken ct) => Results.Ok(await sampler.SampleAsync(ct)));
        app.MapPost("/api/dead-letters/redrive", RedriveEndpoint.HandleAsync);
        return app;
    }
}
