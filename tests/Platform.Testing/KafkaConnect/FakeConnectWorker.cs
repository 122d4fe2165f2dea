using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Testing.KafkaConnect;

/// <summary>
/// An in-process Kafka Connect worker on a real loopback socket. It answers with Connect's documented
/// status codes and bodies (Apache Kafka docs "REST API", KIP-745, KIP-875) from a small registry,
/// validates the configuration keys Connect itself defines as Connect does (<see cref="ConnectConfigRules"/>:
/// on the plugin validate endpoint and before every create or update), and can be scripted to answer
/// a route with given responses first (e.g. two 409 rebalances).
/// </summary>
public sealed class FakeConnectWorker : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> scripted = new();

    private FakeConnectWorker(WebApplication app) => this.app = app;

    public Uri Url => new(app.Urls.First());

    public ConcurrentDictionary<string, FakeConnector> Connectors { get; } = new();

    /// <summary>Every request as "METHOD /path?query", in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>
    /// Errors the connector plugin's own validation reports, by config key (they stand in for Debezium's
    /// checks; Connect's own keys are checked by <see cref="ConnectConfigRules"/>).
    /// </summary>
    public Dictionary<string, string> ValidationErrors { get; } = [];

    public int Count(string methodAndPath) => Requests.Count(r => r.StartsWith(methodAndPath, StringComparison.Ordinal));

    /// <summary>Answers the next calls of "METHOD /path" with these responses before the normal handling.</summary>
    public void Script(string methodAndPath, params (int Status, string Body)[] responses)
        => scripted[methodAndPath] = new ConcurrentQueue<(int, string)>(responses);

    public FakeConnector Add(string name, string state = "RUNNING")
        => Connectors[name] = new FakeConnector(name, new() { ["name"] = name, ["connector.class"] = "io.debezium.connector.postgresql.PostgresConnector" }) { State = state };

    public static async Task<FakeConnectWorker> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var worker = new FakeConnectWorker(builder.Build());
        worker.app.Use(async (context, next) =>
        {
            var key = $"{context.Request.Method} {context.Request.Path}";
            worker.Requests.Enqueue(key + context.Request.QueryString);
            if (worker.scripted.TryGetValue(key, out var queue) && queue.TryDequeue(out var response))
            {
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(response.Body);
                return;
            }

            await next(context);
        });
        FakeConnectRoutes.Map(worker.app, worker);
        await worker.app.StartAsync();
        return worker;
    }

    public static string Error(int code, string message) => new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
