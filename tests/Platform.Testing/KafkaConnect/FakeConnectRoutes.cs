using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.Testing.KafkaConnect;

/// <summary>The Connect REST routes the fake worker answers, with Connect's status codes and bodies.</summary>
internal static class FakeConnectRoutes
{
    private static string NotStopped(string name) => $"Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/{name}/stop' endpoint";

    public static void Map(WebApplication app, FakeConnectWorker worker)
    {
        // ConnectorPluginsResource.validateConfigs, then AbstractHerder.validateConnectorConfig.
        app.MapPut("/connector-plugins/{plugin}/config/validate", async (string plugin, HttpRequest request) =>
        {
            var config = ConfigMap((await JsonNode.ParseAsync(request.Body))!.AsObject());
            return ConnectConfigRules.Refusal(config, plugin) is { } refusal
                ? Json(400, FakeConnectWorker.Error(400, refusal))
                : Results.Json(ConnectConfigRules.Validate(config[ConnectConfigRules.ConnectorClass]!, config, worker.ValidationErrors));
        });
        app.MapGet("/connectors", () => Results.Json(new JsonObject(worker.Connectors.Values.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)new JsonObject { ["status"] = c.Status() })))));
        app.MapPost("/connectors", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var name = body["name"]!.GetValue<string>();
            var config = ConfigMap(body["config"]!.AsObject());
            config[ConnectConfigRules.Name] = name;
            if (Refused(worker, config) is { } refused)
            {
                return refused;
            }

            if (worker.Connectors.ContainsKey(name))
            {
                return Json(409, FakeConnectWorker.Error(409, $"Connector {name} already exists"));
            }

            worker.Connectors[name] = new FakeConnector(name, Stored(config));
            return Results.Json(body, statusCode: 201);
        });
        app.MapGet("/connectors/{name}/config", (string name) => With(worker, name, c => Results.Json(c.Config)));
        // ConnectorsResource.putConnectorConfig: the URL names the connector; a different "name" in the body is refused.
        app.MapPut("/connectors/{name}/config", async (string name, HttpRequest request) =>
        {
            var config = ConfigMap((await JsonNode.ParseAsync(request.Body))!.AsObject());
            if (config.TryGetValue(ConnectConfigRules.Name, out var included) && included != name)
            {
                return Json(400, FakeConnectWorker.Error(400, $"Connector name configuration ({included}) doesn't match connector name in the URL ({name})"));
            }

            config[ConnectConfigRules.Name] = name;
            if (Refused(worker, config) is { } refused)
            {
                return refused;
            }

            var stored = Stored(config);
            var created = !worker.Connectors.TryGetValue(name, out var existing);
            if (existing is null)
            {
                worker.Connectors[name] = new FakeConnector(name, stored);
            }
            else
            {
                existing.Config = stored;
            }

            return Results.Json(new { name, config = stored, tasks = Array.Empty<object>(), type = "source" }, statusCode: created ? 201 : 200);
        });
        app.MapGet("/connectors/{name}/status", (string name) => With(worker, name, c => Results.Json(c.Status())));
        // KIP-745: 202 with the status body when tasks are involved, 204 for the old connector-only restart.
        app.MapPost("/connectors/{name}/restart", (string name, bool? includeTasks, bool? onlyFailed)
            => With(worker, name, c => includeTasks == true || onlyFailed == true ? Results.Json(c.Status(), statusCode: 202) : Results.NoContent()));
        app.MapPut("/connectors/{name}/pause", (string name) => With(worker, name, c => { c.State = c.TaskState = "PAUSED"; return Results.Accepted(); }));
        app.MapPut("/connectors/{name}/resume", (string name) => With(worker, name, c => { c.State = c.TaskState = "RUNNING"; return Results.Accepted(); }));
        app.MapPut("/connectors/{name}/stop", (string name) => With(worker, name, c => { c.State = "STOPPED"; return Results.NoContent(); }));
        app.MapDelete("/connectors/{name}", (string name) => worker.Connectors.TryRemove(name, out _) ? Results.NoContent() : NotFound(name));
        app.MapGet("/connectors/{name}/offsets", (string name) => With(worker, name, c => Results.Json(new JsonObject { ["offsets"] = c.Offsets.DeepClone() })));
        app.MapDelete("/connectors/{name}/offsets", (string name) => WhenStopped(worker, name, c =>
        {
            c.Offsets = [];
            return Results.Json(new { message = "The offsets for this connector have been reset successfully" });
        }));
        app.MapPatch("/connectors/{name}/offsets", async (string name, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            return WhenStopped(worker, name, c =>
            {
                c.Offsets = body!["offsets"]!.DeepClone().AsArray();
                return Results.Json(new { message = "The offsets for this connector have been altered successfully" });
            });
        });
    }

    private static IResult With(FakeConnectWorker worker, string name, Func<FakeConnector, IResult> action)
        => worker.Connectors.TryGetValue(name, out var connector) ? action(connector) : NotFound(name);

    private static IResult WhenStopped(FakeConnectWorker worker, string name, Func<FakeConnector, IResult> action)
        => With(worker, name, c => c.State == "STOPPED" ? action(c) : Json(400, FakeConnectWorker.Error(400, NotStopped(name))));

    private static IResult NotFound(string name) => Json(404, FakeConnectWorker.Error(404, $"Connector {name} not found"));

    private static IResult Json(int status, string body) => Results.Content(body, "application/json", statusCode: status);

    // A create or update validates first and refuses with 400 (AbstractHerder.maybeAddConfigErrors).
    private static IResult? Refused(FakeConnectWorker worker, Dictionary<string, string?> config)
    {
        if (ConnectConfigRules.Refusal(config, plugin: null) is { } refusal)
        {
            return Json(400, FakeConnectWorker.Error(400, refusal));
        }

        var errors = ConnectConfigRules.Errors(config, worker.ValidationErrors);
        return errors.Count > 0 ? Json(400, FakeConnectWorker.Error(400, ConnectConfigRules.Invalid(errors))) : null;
    }

    // Connect reads the body as Map<String, String>: scalars become their text, null stays null.
    private static Dictionary<string, string?> ConfigMap(JsonObject config) => config.ToDictionary(
        p => p.Key,
        p => p.Value is null ? null : p.Value.GetValueKind() == System.Text.Json.JsonValueKind.String ? p.Value.GetValue<string>() : p.Value.ToJsonString());

    private static Dictionary<string, string> Stored(Dictionary<string, string?> config) => config.ToDictionary(p => p.Key, p => p.Value!);
}
