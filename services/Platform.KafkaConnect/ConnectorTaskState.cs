using System.Text.Json.Serialization;

namespace Platform.KafkaConnect;

/// <summary>One entry of <c>tasks</c> in a status answer.</summary>
/// <param name="Id">The task number.</param>
/// <param name="State">UNASSIGNED, RUNNING, PAUSED, FAILED or RESTARTING.</param>
/// <param name="WorkerId">The worker that runs it.</param>
/// <param name="Trace">The stack trace when FAILED.</param>
public sealed record ConnectorTaskState(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string? WorkerId,
    [property: JsonPropertyName("trace")] string? Trace);
