using System.CommandLine;
using System.Net.Sockets;
using Confluent.Kafka;
using Npgsql;
using Platform.Operations.Commands;
using Platform.Operations.Conformance;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// <c>conformance [NAME] --database CONN --bootstrap-servers HOST:PORT</c>: writes the record
/// contract's cases into the outbox of a database that a relay captures (a Debezium connector, or
/// the embedded relay) and checks every record it produces, field by field, as a table. With a
/// connector NAME, the connector must be RUNNING first. Exit 0 when every case conforms, 1 when
/// one does not, 2 for bad input, 4 when the database or Kafka cannot be reached.
/// </summary>
internal static class ConformanceCommand
{
    public static Command Create(ConnectorsRunner runner)
    {
        var name = new Argument<string?>("NAME") { Description = "Connector to check RUNNING first (omit for the embedded relay).", Arity = ArgumentArity.ZeroOrOne };
        var database = new Option<string?>("--database")
        {
            Description = "Npgsql connection string of the captured database (default: $PLATFORM_CONFORMANCE_DATABASE). Use a database no live consumer acts on: the cases are real-looking events.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_CONFORMANCE_DATABASE"),
        };
        var servers = new Option<string?>("--bootstrap-servers") { Description = "Kafka the relay produces to (default: $Kafka__BootstrapServers)." };
        var cases = new Option<FileInfo>("--cases")
        {
            Description = "Record contract file.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("tests", "conformance", "outbox-router-cases.json")),
        };
        var timeout = new Option<string>("--timeout") { Description = "Wait this long for every case's record (e.g. 60s).", DefaultValueFactory = _ => "60s" };
        var tracing = new Option<TracingMode>("--tracing")
        {
            Description = "Off (default): the relay writes no tracing header (a Connect worker without an OpenTelemetry SDK, as infra/compose.yaml runs it). "
                + "On: traceparent of a new child span of the stored context, then the stored tracestate, before id.",
            DefaultValueFactory = _ => TracingMode.Off,
        };
        var keepRows = new Option<bool>("--keep-rows") { Description = "Leave the rows in the outbox (a polling relay needs them); by default each is deleted in the transaction that inserts it." };
        var noCreate = new Option<bool>("--no-create-topics") { Description = "Do not create missing case topics (a cluster that auto-creates them with the cases' partition count)." };
        var command = new Command("conformance", "Check a running relay against the record contract (tests/conformance): topic, partition, key, value, headers, timestamp.")
        {
            name, database, servers, cases, timeout, tracing, keepRows, noCreate,
        };
        runner.Bind(command, async (run, ct) =>
        {
            var r = run.Result;
            var connection = r.GetValue(database) is { Length: > 0 } text ? text : throw new BadInputException("Give --database (or set PLATFORM_CONFORMANCE_DATABASE): the connection string of the captured database.");
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connection);
            }
            catch (ArgumentException e)
            {
                throw new BadInputException($"--database is not a valid connection string: {e.Message}");
            }

            var kafka = CliKafka.BootstrapServers(r.GetValue(servers));
            IReadOnlyList<ConformanceCase> loaded;
            try
            {
                loaded = ConformanceCase.Load(r.GetValue(cases)!.FullName);
            }
            catch (InvalidDataException e)
            {
                throw new BadInputException($"--cases: {e.Message}");
            }

            if (r.GetValue(name) is { } connector)
            {
                var status = await run.Client.GetStatusAsync(connector, ct).ConfigureAwait(false);
                if (!status.IsRunning)
                {
                    run.Error($"{connector} is not RUNNING; nothing to check.");
                    run.Console.Write(StatusCommands.Table([status]));
                    return ExitCodes.Failed;
                }
            }

            var request = new ConformanceRun(connection, kafka, loaded, r.GetValue(tracing), DeleteInSameTransaction: !r.GetValue(keepRows),
                CreateMissingTopics: !r.GetValue(noCreate), Duration.Parse("--timeout", r.GetValue(timeout)!));
            IReadOnlyList<ConformanceResult> results;
            try
            {
                results = await OutboxConformance.RunAsync(request, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or KafkaException)
            {
                run.Error($"Cannot run the cases: {e.Message}");
                return ExitCodes.Unreachable;
            }

            var table = new Table().AddColumns("case", "topic/partition", "result", "differences");
            foreach (var result in results)
            {
                table.AddRow(
                    Markup.Escape(result.Case.Name),
                    Markup.Escape(result.Record is { } record ? $"{record.Topic}/{record.Partition.Value}" : "-"),
                    result.Passed ? "[green]conforms[/]" : "[red]differs[/]",
                    Markup.Escape(string.Join("\n", result.Differences)));
            }

            run.Console.Write(table);
            var failed = results.Count(x => !x.Passed);
            run.Console.MarkupLine(failed == 0 ? $"[green]{results.Count} of {results.Count} cases conform.[/]" : $"[red]{failed} of {results.Count} cases differ.[/]");
            return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}
