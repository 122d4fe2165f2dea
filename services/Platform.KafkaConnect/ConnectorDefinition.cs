namespace Platform.KafkaConnect;

/// <summary>The body of <c>POST /connectors</c>: a connector's name and its flat string config.</summary>
/// <param name="Name">The connector name, e.g. <c>orders-outbox</c>.</param>
/// <param name="Config">Config keys and values; config-provider references stay as written.</param>
public sealed record ConnectorDefinition(string Name, IReadOnlyDictionary<string, string> Config)
{
    /// <summary>The <c>connector.class</c> value, needed by the plugin validate endpoint.</summary>
    public string? ConnectorClass => Config.TryGetValue("connector.class", out var value) ? value : null;
}
