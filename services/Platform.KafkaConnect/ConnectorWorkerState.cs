using System.Text.Json.Serialization;

namespace Platform.KafkaConnect;

/// <summary>The <c>connector</c> object of a status answer.</summary>
/// <param name="State">UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED or RESTARTING.</param>
/// <param name="WorkerId">The worker that runs it.</param>
/// <param name="Trace">The stack trace when FAILED.</param>
public sealed record ConnectorWorkerState(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string? WorkerId,
    [property: JsonPropertyName("trace")] string? Trace);
