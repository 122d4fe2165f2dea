using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Dashboard.Internals;

namespace Platform.Dashboard;

/// <summary>
/// Hosts the dashboard as its own small web application (as <c>platform run</c> does). It is an
/// operator page with a write action: bind it to loopback (<c>http://127.0.0.1:5090</c>) unless a
/// proxy in front of it authenticates operators; the redrive endpoint also requires the API key.
/// </summary>
public static class DashboardApplication
{
    /// <summary>Host names the dashboard answers to unless <c>AllowedHosts</c> is configured (e.g. behind a proxy).</summary>
    public const string LoopbackHosts = "localhost;127.0.0.1;[::1]";

    /// <summary>
    /// A builder listening on <paramref name="url"/> that answers only requests for a loopback host
    /// name (<see cref="LoopbackHosts"/>, ASP.NET Core's host filtering, <c>AllowedHosts</c>): a page of
    /// another site that re-points its own name at 127.0.0.1 (DNS rebinding) gets 400, not the figures.
    /// Add configuration (e.g. logging levels) before <see cref="Build"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string url)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", url] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedHosts"] = LoopbackHosts });
        return builder;
    }

    /// <summary>Validates <paramref name="options"/>, registers the dashboard's services and maps its routes.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(provider => new SnapshotSampler(options, TimeProvider.System));
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        app.MapDashboard();
        return app;
    }
}
