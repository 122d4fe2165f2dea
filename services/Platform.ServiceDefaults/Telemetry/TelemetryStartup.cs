using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Makes the host create the <see cref="TelemetryPipeline"/> when it resolves its hosted
/// services, which happens before any of them starts: so spans are recorded from the first
/// request or record on. The host's container disposes the pipeline at shutdown.
/// </summary>
internal sealed class TelemetryStartup(TelemetryPipeline pipeline) : IHostedService
{
    /// <summary>The pipeline this startup made exist.</summary>
    public TelemetryPipeline Pipeline { get; } = pipeline;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
