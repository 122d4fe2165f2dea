using System.Text.Json.Nodes;

namespace Platform.Testing.KafkaConnect;

/// <summary>One connector in the fake worker's registry.</summary>
public sealed class FakeConnector(string name, Dictionary<string, string> config)
{
    public string Name { get; } = name;

    public Dictionary<string, string> Config { get; set; } = config;

    public string State { get; set; } = "RUNNING";

    public string TaskState { get; set; } = "RUNNING";

    public string? Trace { get; set; }

    /// <summary>States answered by the next status calls, before <see cref="State"/> (e.g. UNASSIGNED then RUNNING).</summary>
    public Queue<(string Connector, string Task)> UpcomingStates { get; } = new();

    public JsonArray Offsets { get; set; } = [];

    public JsonObject Status()
    {
        var (connector, task) = UpcomingStates.Count > 0 ? UpcomingStates.Dequeue() : (State, TaskState);
        var trace = task == "FAILED" ? Trace : null;
        return new JsonObject
        {
            ["name"] = Name,
            ["connector"] = new JsonObject { ["state"] = connector, ["worker_id"] = "10.0.0.5:8083" },
            ["tasks"] = connector == "STOPPED"
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["id"] = 0, ["state"] = task, ["worker_id"] = "10.0.0.6:8083", ["trace"] = trace }),
            ["type"] = "source",
        };
    }
}
