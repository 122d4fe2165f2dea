using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.KafkaConnect.Internals;

namespace Platform.KafkaConnect;

/// <summary>
/// Typed client for the Kafka Connect REST API (Apache Kafka docs "REST API", KIP-745 restarts,
/// KIP-875 stop and offsets). Every method throws <see cref="KafkaConnectException"/> on failure.
/// </summary>
/// <param name="http">The HTTP client; its lifetime belongs to the caller.</param>
/// <param name="options">Worker URL and retry bounds.</param>
/// <param name="logger">Receives a warning per 409 retry; none when null.</param>
public sealed class KafkaConnectClient(HttpClient http, KafkaConnectOptions options, ILogger<KafkaConnectClient>? logger = null)
{
    private readonly ConnectTransport transport = new(http, options, logger ?? (ILogger)NullLogger.Instance);

    /// <summary>The worker's REST address.</summary>
    public Uri BaseUrl => options.BaseUrl;

    /// <summary>
    /// <c>PUT /connector-plugins/{class}/config/validate</c>: validates a connector's config without applying
    /// it. The body carries the connector's <c>name</c>: Connect's <c>ConnectorConfig</c> defines <c>name</c>
    /// as required with no default, so a body without it always has one error.
    /// </summary>
    public async Task<ConfigValidationResult> ValidateAsync(ConnectorDefinition connector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var connectorClass = connector.ConnectorClass ?? throw new ArgumentException($"connector {connector.Name} has no connector.class", nameof(connector));
        var config = ToJson(connector.Config);
        config["name"] = connector.Name;
        var (_, body) = await transport.SendAsync(HttpMethod.Put, $"connector-plugins/{Uri.EscapeDataString(connectorClass)}/config/validate", config, null, cancellationToken).ConfigureAwait(false);
        var root = JsonNode.Parse(body)!;
        var errors = new List<ConfigError>();
        foreach (var value in (root["configs"]?.AsArray() ?? []).Select(c => c?["value"]))
        {
            foreach (var error in value?["errors"]?.AsArray() ?? [])
            {
                errors.Add(new ConfigError(value!["name"]?.GetValue<string>() ?? "?", error?.GetValue<string>() ?? ""));
            }
        }

        return new ConfigValidationResult(root["error_count"]?.GetValue<int>() ?? errors.Count, errors);
    }

    /// <summary><c>GET /connectors/{name}/config</c>, or null when the connector does not exist yet.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> TryGetConfigAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var (_, body) = await transport.SendAsync(HttpMethod.Get, $"connectors/{Escape(name)}/config", null, name, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<Dictionary<string, string>>(body) ?? [];
        }
        catch (KafkaConnectException e) when (e.Kind == KafkaConnectErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary><c>PUT /connectors/{name}/config</c>: creates (201, returns true) or updates (200, false).</summary>
    public async Task<bool> PutConfigAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken)
    {
        var (status, _) = await transport.SendAsync(HttpMethod.Put, $"connectors/{Escape(name)}/config", ToJson(config), name, cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.Created;
    }

    /// <summary><c>POST /connectors</c>: creates a connector; 409 "already exists" is reported, never retried.</summary>
    public Task CreateAsync(ConnectorDefinition connector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var body = new JsonObject { ["name"] = connector.Name, ["config"] = ToJson(connector.Config) };
        return transport.SendAsync(HttpMethod.Post, "connectors", body, connector.Name, cancellationToken);
    }

    /// <summary><c>GET /connectors/{name}/status</c>.</summary>
    public async Task<ConnectorStatus> GetStatusAsync(string name, CancellationToken cancellationToken)
    {
        var (_, body) = await transport.SendAsync(HttpMethod.Get, $"connectors/{Escape(name)}/status", null, name, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<ConnectorStatus>(body)!;
    }

    /// <summary><c>GET /connectors?expand=status</c>: every connector's status, by name.</summary>
    public async Task<IReadOnlyList<ConnectorStatus>> ListStatusesAsync(CancellationToken cancellationToken)
    {
        var (_, body) = await transport.SendAsync(HttpMethod.Get, "connectors?expand=status", null, null, cancellationToken).ConfigureAwait(false);
        var root = JsonNode.Parse(body)!.AsObject();
        return [.. root.Select(entry => entry.Value!["status"].Deserialize<ConnectorStatus>()!).OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// <c>POST /connectors/{name}/restart?includeTasks=&amp;onlyFailed=</c>. KIP-745: 202 with the status
    /// body when tasks are included; 204 (old style, returns null) when only the connector restarts.
    /// </summary>
    public async Task<ConnectorStatus?> RestartAsync(string name, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken)
    {
        var query = $"?includeTasks={(includeTasks ? "true" : "false")}&onlyFailed={(onlyFailed ? "true" : "false")}";
        var (status, body) = await transport.SendAsync(HttpMethod.Post, $"connectors/{Escape(name)}/restart{query}", null, name, cancellationToken).ConfigureAwait(false);
        return status == HttpStatusCode.Accepted && body.Length > 0 ? JsonSerializer.Deserialize<ConnectorStatus>(body) : null;
    }

    /// <summary><c>PUT /connectors/{name}/pause</c> (202).</summary>
    public Task PauseAsync(string name, CancellationToken cancellationToken) => transport.SendAsync(HttpMethod.Put, $"connectors/{Escape(name)}/pause", null, name, cancellationToken);

    /// <summary><c>PUT /connectors/{name}/resume</c> (202); also resumes a STOPPED connector (KIP-875).</summary>
    public Task ResumeAsync(string name, CancellationToken cancellationToken) => transport.SendAsync(HttpMethod.Put, $"connectors/{Escape(name)}/resume", null, name, cancellationToken);

    /// <summary><c>PUT /connectors/{name}/stop</c> (KIP-875, 204): shuts tasks down, keeps config and offsets.</summary>
    public Task StopAsync(string name, CancellationToken cancellationToken) => transport.SendAsync(HttpMethod.Put, $"connectors/{Escape(name)}/stop", null, name, cancellationToken);

    /// <summary><c>DELETE /connectors/{name}</c> (204).</summary>
    public Task DeleteAsync(string name, CancellationToken cancellationToken) => transport.SendAsync(HttpMethod.Delete, $"connectors/{Escape(name)}", null, name, cancellationToken);

    /// <summary><c>GET /connectors/{name}/offsets</c> (KIP-875).</summary>
    public async Task<IReadOnlyList<ConnectorOffset>> GetOffsetsAsync(string name, CancellationToken cancellationToken)
    {
        var (_, body) = await transport.SendAsync(HttpMethod.Get, $"connectors/{Escape(name)}/offsets", null, name, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(body)?["offsets"].Deserialize<List<ConnectorOffset>>() ?? [];
    }

    /// <summary><c>DELETE /connectors/{name}/offsets</c> (KIP-875): only for a STOPPED connector, else Connect answers 400.</summary>
    public async Task<string> ResetOffsetsAsync(string name, CancellationToken cancellationToken)
        => Message(await transport.SendAsync(HttpMethod.Delete, $"connectors/{Escape(name)}/offsets", null, name, cancellationToken).ConfigureAwait(false));

    /// <summary><c>PATCH /connectors/{name}/offsets</c> with <c>{"offsets":[...]}</c> (KIP-875): only for a STOPPED connector.</summary>
    public async Task<string> AlterOffsetsAsync(string name, IReadOnlyList<ConnectorOffset> offsets, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["offsets"] = JsonSerializer.SerializeToNode(offsets) };
        return Message(await transport.SendAsync(HttpMethod.Patch, $"connectors/{Escape(name)}/offsets", body, name, cancellationToken).ConfigureAwait(false));
    }

    private static string Message((HttpStatusCode Status, string Body) answer)
        => answer.Body.Length == 0 ? answer.Status.ToString() : JsonNode.Parse(answer.Body)?["message"]?.GetValue<string>() ?? answer.Body;

    private static string Escape(string name) => Uri.EscapeDataString(name);

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> config)
        => new(config.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value))));
}
