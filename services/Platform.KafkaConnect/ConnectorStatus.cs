using System.Text.Json.Serialization;

namespace Platform.KafkaConnect;

/// <summary>The answer of <c>GET /connectors/{name}/status</c>.</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Connector">The connector instance's state.</param>
/// <param name="Tasks">Every task's state.</param>
/// <param name="Type">source or sink.</param>
public sealed record ConnectorStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("connector")] ConnectorWorkerState Connector,
    [property: JsonPropertyName("tasks")] IReadOnlyList<ConnectorTaskState> Tasks,
    [property: JsonPropertyName("type")] string? Type)
{
    /// <summary>True when the connector and every task (at least one) are RUNNING.</summary>
    public bool IsRunning => Connector.State == "RUNNING" && Tasks.Count > 0 && Tasks.All(t => t.State == "RUNNING");

    /// <summary>True when the connector or any task is FAILED.</summary>
    public bool HasFailed => Connector.State == "FAILED" || Tasks.Any(t => t.State == "FAILED");
}
