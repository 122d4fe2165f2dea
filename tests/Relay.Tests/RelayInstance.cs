using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Relay;

namespace Relay.Tests;

/// <summary>A relay hosted in-process exactly as <c>platform run</c> hosts it (AddOutboxRelay on a generic host).</summary>
internal sealed class RelayInstance : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private RelayInstance(IHost host)
    {
        _host = host;
        Status = host.Services.GetRequiredService<RelayStatus>();
        Stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
    }

    public RelayStatus Status { get; }

    /// <summary>Fires when the relay stopped its host (a fatal condition) or the test stops it.</summary>
    public CancellationToken Stopping { get; }

    public IServiceProvider Services => _host.Services;

    public static IHost Build(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOutboxRelay(builder.Configuration);
        return builder.Build();
    }

    public static async Task<RelayInstance> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = Build(settings);
        await host.StartAsync();
        return new RelayInstance(host);
    }

    public Task WaitUntilStreamingAsync(TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Task.FromResult(Status.Streaming), "the relay to stream", timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Graceful stop: the relay flushes, confirms what Kafka acknowledged, and releases the slot.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
