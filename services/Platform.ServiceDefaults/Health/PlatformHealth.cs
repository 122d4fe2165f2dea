using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

using Platform.Kafka.Health;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// The health endpoints every service maps: <c>/health/live</c> (the process answers; no
/// dependency checked) and <c>/health/ready</c> (every check tagged <see cref="ReadyTag"/>).
/// Both answer 200 when healthy, 503 otherwise, with a JSON body naming each check and why it failed.
/// </summary>
public static class PlatformHealth
{
    /// <summary>Tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapPlatformHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// Adds the readiness check that Kafka at <paramref name="bootstrapServers"/> is reachable (named
    /// <c>kafka</c>). The settings are read when the first check runs; that check's client then
    /// serves every later one (a singleton of the host, disposed with it). The first check runs
    /// in the background as the host starts, so the first probe finds its client connected.
    /// </summary>
    public static IHealthChecksBuilder AddKafkaReadiness(
        this IHealthChecksBuilder checks, Func<IServiceProvider, string?> bootstrapServers, Func<IServiceProvider, IReadOnlyList<KeyValuePair<string, string>>>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        checks.Services.TryAddSingleton(provider => new KafkaHealthCheck(bootstrapServers(provider) ?? string.Empty, properties?.Invoke(provider)));
        checks.Services.AddHostedService<KafkaReadinessWarmup>();
        return checks.Add(new HealthCheckRegistration(
            "kafka", provider => provider.GetRequiredService<KafkaHealthCheck>(), failureStatus: null, tags: [ReadyTag]));
    }

    /// <summary><c>{"status":"Unhealthy","checks":[{"name":"kafka","status":"Unhealthy","description":"..."}]}</c>.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description ?? entry.Exception?.Message);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}

/// <summary>Makes the Kafka readiness check's first check as the host starts (<see cref="KafkaHealthCheck.Warm"/>).</summary>
internal sealed class KafkaReadinessWarmup(KafkaHealthCheck check) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        check.Warm();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
