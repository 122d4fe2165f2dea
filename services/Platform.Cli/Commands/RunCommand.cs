using System.CommandLine;
using Platform.Local;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform run</c>: the whole platform on one machine with embedded defaults. A local
/// PostgreSQL cluster keeps its data under <c>--data-dir</c> between runs; the mock Kafka
/// cluster lives in this process and starts empty each run.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var dataDir = new Option<DirectoryInfo>("--data-dir")
        {
            Description = "Folder for the local PostgreSQL cluster's data, kept between runs.",
            DefaultValueFactory = _ => new DirectoryInfo(".data"),
        };
        var postgresPort = new Option<int>("--postgres-port")
        {
            Description = "Port of the local PostgreSQL cluster on 127.0.0.1.",
            DefaultValueFactory = _ => 55432,
        };
        var command = new Command("run", "Run the platform on embedded defaults until Ctrl-C.") { dataDir, postgresPort };
        command.SetAction(async (result, cancellationToken) =>
        {
            var folder = result.GetValue(dataDir)!;
            var port = result.GetValue(postgresPort);
            if (port is < 1 or > 65535)
            {
                AnsiConsole.MarkupLine("[red]--postgres-port must be between 1 and 65535.[/]");
                return 2;
            }

            return await RunAsync(Path.Combine(folder.FullName, "postgres"), port, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string postgresData, int postgresPort, CancellationToken outer)
    {
        using var shutdown = new ShutdownSignal(outer);
        AnsiConsole.MarkupLine("[bold]Starting the order platform on embedded defaults[/]");

        // Started without the shutdown token: whatever started is stopped in the finally block.
        var postgres = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = postgresData, Port = postgresPort }, CancellationToken.None);
        MockKafkaCluster? kafka = null;
        try
        {
            kafka = MockKafkaCluster.Start(brokers: 3);
            var table = new Table().AddColumn("component").AddColumn("address");
            table.AddRow("PostgreSQL", Markup.Escape(postgres.ConnectionString));
            table.AddRow("Kafka (mock cluster, in memory)", Markup.Escape(kafka.BootstrapServers));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Running. Press [bold]Ctrl-C[/] to stop.");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("Stopping...");
        }
        finally
        {
            kafka?.Dispose();
            await postgres.DisposeAsync();
        }

        AnsiConsole.MarkupLine("Stopped.");
        return 0;
    }
}
