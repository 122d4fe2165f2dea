using Platform.Contracts;
using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Platform.Dashboard;
using Platform.Operations.Commands;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform dashboard</c>: the operator dashboard of <c>platform run</c>, on its own, against a
/// platform running elsewhere (Kafka, optionally the Orders API and the PostgreSQL server of the
/// relay slots). Always on 127.0.0.1: its Redrive button writes to Kafka.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var servers = new Option<string?>("--bootstrap-servers") { Description = "Kafka bootstrap servers (else Kafka__BootstrapServers)." };
        var database = new CliDatabase();
        var ordersUrl = new Option<string?>("--orders-url") { Description = "Base URL of the Orders API, for orders by status (GET /stats, with an operator --api-key)." };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "An operator key of the Orders API: sent to its GET /stats (operators only) and required by Redrive; default $PLATFORM_OPERATOR_KEY. Without one, Redrive is disabled.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_OPERATOR_KEY"),
        };
        var groups = new Option<string[]>("--group") { Description = "Consumer groups to show (default: every consumer the services register).", AllowMultipleArgumentsPerToken = true };
        var slots = new Option<string[]>("--slot") { Description = "Only these replication slots (default: all of the server's).", AllowMultipleArgumentsPerToken = true };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 5090 };
        var command = new Command("dashboard", "Serve the operator dashboard on 127.0.0.1 until Ctrl-C.") { servers, ordersUrl, apiKey, groups, slots, port };
        database.AddTo(command);
        command.SetAction((r, token) => CliExit.GuardAsync(async () =>
        {
            if (r.GetValue(port) is < 1 or > 65535)
            {
                throw new ReplayException(ReplayExitCode.BadInput, "--port must be between 1 and 65535.");
            }

            var options = new DashboardOptions
            {
                BootstrapServers = CliKafka.BootstrapServers(r.GetValue(servers)),
                ConsumerGroups = r.GetValue(groups) is { Length: > 0 } chosen ? chosen : [.. ConsumerGroups.All],
                OrdersApiUrl = OrdersUrl(r.GetValue(ordersUrl)),
                ApiKey = r.GetValue(apiKey),
                PostgresConnectionString = database.IsGiven(r) ? database.Resolve(r) : null,
                SlotNames = r.GetValue(slots) ?? [],
            };
            return await ServeAsync(options, $"http://127.0.0.1:{r.GetValue(port)}", token);
        }));
        return command;
    }

    private static Uri? OrdersUrl(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url
        : throw new ReplayException(ReplayExitCode.BadInput, $"--orders-url must be an absolute http(s) URL, not '{text}'.");

    /// <summary>Serves until <paramref name="stopping"/> (System.CommandLine's, cancelled by Ctrl-C or SIGTERM), then stops Kestrel.</summary>
    private static async Task<int> ServeAsync(DashboardOptions options, string url, CancellationToken stopping)
    {
        var builder = DashboardApplication.CreateBuilder(url);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        WebApplication app;
        try
        {
            app = DashboardApplication.Build(builder, options);
        }
        catch (ArgumentException ex)
        {
            throw new ReplayException(ReplayExitCode.BadInput, ex.Message);
        }

        await using (app)
        {
            await app.StartAsync(CancellationToken.None);
            AnsiConsole.MarkupLine($"Dashboard: [bold]{url}[/] (Kafka {Markup.Escape(options.BootstrapServers)}). " +
                                   (options.ApiKey is null ? "No API key: Redrive is disabled. " : "") + "Press [bold]Ctrl-C[/] to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                AnsiConsole.MarkupLine("Stopping...");
            }

            await app.StopAsync(CancellationToken.None);
        }

        AnsiConsole.MarkupLine("Stopped.");
        return 0;
    }
}
