using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// What records and exports one process's spans and metrics, disposed with its host (which
/// flushes the exporters). Always: a listener on <see cref="PlatformTelemetry.SourceNames"/>, so
/// that request, relay and consumer spans exist and their traceparent reaches outbox rows and
/// Kafka headers even when nothing exports. With <see cref="OtlpOptions.Enabled"/>: OpenTelemetry
/// SDK tracer and meter providers with the OTLP exporter, in the first such pipeline of the
/// process only (it exports for every host of the process, under its service name).
/// </summary>
public sealed class TelemetryPipeline : IDisposable
{
    // SDK providers listen to every source and meter of the process, whichever host created
    // them: with several hosts in one process (platform run), only one may export, or each span
    // and measurement would leave once per host.
    private static int s_exporters;
    private readonly List<IDisposable> _owned = [];
    private bool _exporting;

    /// <summary>Starts listening (and exporting, when configured) now.</summary>
    public TelemetryPipeline(OtlpOptions options, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var listener = new ActivityListener
        {
            ShouldListenTo = source => PlatformTelemetry.SourceNames.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> creation) => Sample(creation.Parent),
        };
        ActivitySource.AddActivityListener(listener);
        _owned.Add(listener);
        if (!options.Enabled || Interlocked.CompareExchange(ref s_exporters, 1, 0) != 0)
        {
            return;
        }

        _exporting = true;

        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        _owned.Add(Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. PlatformTelemetry.SourceNames])
            .AddOtlpExporter(exporter => Configure(exporter, options, "v1/traces"))
            .Build());
        _owned.Add(Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. PlatformTelemetry.MeterNames])
            .AddOtlpExporter(exporter => Configure(exporter, options, "v1/metrics"))
            .Build());
    }

    /// <summary>
    /// Parent-based, like the SDK's default sampler: a root span is recorded; a child follows its
    /// parent's sampled flag, so one trace is recorded everywhere or nowhere. An unsampled child
    /// still exists (propagation only), so the trace id keeps flowing to the next hop.
    /// </summary>
    private static ActivitySamplingResult Sample(ActivityContext parent) =>
        parent == default || parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)
            ? ActivitySamplingResult.AllDataAndRecorded
            : ActivitySamplingResult.PropagationData;

    // OTLP/HTTP with a base endpoint: the exporter must append the signal path (OTLP exporter
    // spec, "Endpoint URLs for OTLP/HTTP"); an endpoint set in code is otherwise used as is.
    private static void Configure(OtlpExporterOptions exporter, OtlpOptions options, string signalPath)
    {
        var endpoint = new Uri(options.Endpoint!, UriKind.Absolute);
        exporter.Protocol = options.IsHttp ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = options.IsHttp ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath) : endpoint;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Providers first (they flush what they buffered), the listener last.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        _owned.Clear();
        if (_exporting)
        {
            _exporting = false;
            Volatile.Write(ref s_exporters, 0);
        }
    }
}
