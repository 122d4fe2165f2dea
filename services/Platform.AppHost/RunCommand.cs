using System.CommandLine;
using Platform.Local;
using Platform.Contracts;
using Spectre.Console;

namespace Platform.AppHost;

/// <summary>
/// The development launcher's command line (<c>./build.sh run</c>): the whole platform on one machine with embedded defaults: a local
/// PostgreSQL cluster (throwaway unless <c>--data-dir</c> is given), librdkafka's mock Kafka
/// cluster in this process (in memory, empty each run), every service, one embedded CDC
/// relay per service database, and the operator dashboard on loopback.
/// </summary>
internal static class RunCommand
{
    public static RootCommand Create()
    {
        var dataDir = new Option<DirectoryInfo?>("--data-dir")
        {
            Description = "Keep the local PostgreSQL cluster's data in this folder between runs. By default each run starts " +
                          "empty, like the in-memory Kafka cluster: a kept database would hold orders whose events the new Kafka never saw.",
        };
        var postgresPort = new Option<int>("--postgres-port")
        {
            Description = "Port of the local PostgreSQL cluster on 127.0.0.1.",
            DefaultValueFactory = _ => 55432,
        };
        var apiPort = new Option<int>("--api-port")
        {
            Description = "Port of the Orders API on 127.0.0.1.",
            DefaultValueFactory = _ => 5080,
        };
        var dashboardPort = new Option<int>("--dashboard-port")
        {
            Description = "Port of the operator dashboard on 127.0.0.1 (loopback only: its Redrive button changes Kafka).",
            DefaultValueFactory = _ => 5090,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "API key of the local client (X-Api-Key); default $PLATFORM_API_KEY, else a new random key printed at start.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_API_KEY"),
        };
        var operatorKey = new Option<string?>("--operator-key")
        {
            Description = "Operator key of the Orders API (X-Api-Key: every order, GET /stats) that the dashboard reads with and its Redrive asks for; default $PLATFORM_OPERATOR_KEY, else a new random key printed at start.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_OPERATOR_KEY"),
        };
        var command = new RootCommand("Run the order platform on embedded defaults until Ctrl-C.") { dataDir, postgresPort, apiPort, dashboardPort, apiKey, operatorKey };
        command.SetAction(async (result, cancellationToken) =>
        {
            var folder = result.GetValue(dataDir);
            // The keys first: they are wrong on any machine, whereas a port is refused for what
            // else runs on this one.
            var key = result.GetValue(apiKey);
            var opKey = result.GetValue(operatorKey);
            foreach (var (name, value) in new[] { ("--api-key", key), ("--operator-key", opKey) })
            {
                if (value is not null && value.Length < 16)
                {
                    AnsiConsole.MarkupLine($"[red]{name} must be at least 16 characters.[/]");
                    return 2;
                }
            }

            if (key is not null && key == opKey)
            {
                AnsiConsole.MarkupLine("[red]--api-key and --operator-key are the same: give the operator a key of its own.[/]");
                return 2;
            }

            var port = result.GetValue(postgresPort);
            var api = result.GetValue(apiPort);
            var dashboard = result.GetValue(dashboardPort);
            (string Name, int Value)[] ports = [("--postgres-port", port), ("--api-port", api), ("--dashboard-port", dashboard)];
            foreach (var (name, value) in ports)
            {
                if (value is < 1 or > 65535)
                {
                    AnsiConsole.MarkupLine($"[red]{name} must be between 1 and 65535.[/]");
                    return 2;
                }

                if (ports.FirstOrDefault(other => other.Value == value && other.Name != name) is { Name: { } clash })
                {
                    AnsiConsole.MarkupLine($"[red]{name} and {clash} are both {value}: give each its own port.[/]");
                    return 2;
                }

                // Checked before anything starts: otherwise PostgreSQL's start fails with "could not
                // start server" and no word of the port, or the API's after the cluster is up.
                if (!FreePort.IsFree(value))
                {
                    AnsiConsole.MarkupLine($"[red]{name} {value}: the port cannot be listened on at 127.0.0.1: something already does (another platform run, or a PostgreSQL?) or it is reserved. Stop what listens there or pass a free port.[/]");
                    return 2;
                }
            }

            return await RunAsync(folder is null ? null : Path.Combine(folder.FullName, "postgres"), port, api, dashboard,
                key ?? Orders.Api.Security.ApiKeys.New(), opKey ?? Orders.Api.Security.ApiKeys.New(), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        string? postgresData, int postgresPort, int apiPort, int dashboardPort, string apiKey, string operatorKey, CancellationToken outer)
    {
        using var shutdown = new ShutdownSignal(outer);
        AnsiConsole.MarkupLine("[bold]Starting the order platform on embedded defaults[/]");

        // Started without the shutdown token: whatever started is stopped in the finally block.
        var postgres = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = postgresData, Port = postgresPort }, CancellationToken.None);
        MockKafkaCluster? kafka = null;
        LocalPlatform? platform = null;
        try
        {
            kafka = MockKafkaCluster.Start(brokers: 3);
            // One member per group here: no reason to wait for more before assigning (a real
            // broker's group.initial.rebalance.delay.ms is for groups of many members). And the
            // event topics exist before any consumer subscribes, with the partition count the
            // record contract assumes; otherwise a group would see a topic only after its first
            // event and a metadata refresh, and the first order would wait for a rebalance.
            kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
            foreach (var topic in Topics.All)
            {
                kafka.CreateTopic(topic, Topics.Partitions);
            }

            var api = $"http://127.0.0.1:{apiPort}";
            var dashboard = $"http://127.0.0.1:{dashboardPort}";
            platform = await LocalPlatform.StartAsync(new LocalPlatformOptions
            {
                PostgresAdmin = postgres.ConnectionString,
                KafkaBootstrapServers = kafka.BootstrapServers,
                OrdersUrl = api,
                ApiKey = apiKey,
                OperatorKey = operatorKey,
                DashboardUrl = dashboard,
            }, CancellationToken.None);
            // "Running" means an order placed now is served end to end: every consumer group holds its partitions.
            await platform.WaitForConsumersAsync(TimeSpan.FromSeconds(60), shutdown.Token);

            var table = new Table().AddColumn("component").AddColumn("address");
            table.AddRow("Orders API", api);
            table.AddRow("OpenAPI", "/openapi/v1.json");
            table.AddRow("Read model (operator key)", "/stats");
            table.AddRow("Dashboard", dashboard + " (Redrive needs the operator key)");
            table.AddRow("Relays", "embedded CDC: orders, payments, inventory");
            AnsiConsole.Write(table);
            // Plain lines, never wrapped at the terminal's width: they are copied as they are.
            Console.WriteLine($"PostgreSQL (one database per service): {postgres.ConnectionString}");
            Console.WriteLine($"Kafka (mock cluster, in memory): {kafka.BootstrapServers}");
            Console.WriteLine($"API key of client '{LocalPlatformOptions.ApiClient}' (X-Api-Key; its own orders): {apiKey}");
            Console.WriteLine($"Operator key of '{LocalPlatformOptions.OperatorName}' (X-Api-Key; every order, /stats, the dashboard's Redrive): {operatorKey}");
            Console.WriteLine("Place an order:");
            Console.WriteLine($$"""
                curl -i -X POST {{api}}/orders -H 'X-Api-Key: {{apiKey}}' -H 'Content-Type: application/json' \
                  -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
                  -d '{"customerId":"alice","currency":"EUR","lines":[{"sku":"SKU-001","quantity":2,"unitPrice":12.50}]}'
                """);
            AnsiConsole.MarkupLine("Running. Press [bold]Ctrl-C[/] to stop.");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("Stopping...");
        }
        finally
        {
            if (platform is not null)
            {
                await platform.DisposeAsync();
            }

            kafka?.Dispose();
            await postgres.DisposeAsync();
        }

        AnsiConsole.MarkupLine("Stopped.");
        return 0;
    }
}
