using System.CommandLine;
using Npgsql;
using Platform.KafkaConnect;
using Platform.Operations;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// Runs a connectors action with a client for <c>--connect-url</c> and turns every failure into a
/// message and a documented exit code (<see cref="ExitCodes"/>): bad input never shows a stack trace.
/// </summary>
internal sealed class ConnectorsRunner(IAnsiConsole console, IAnsiConsole errors, TimeSpan initialBackoff)
{
    public Option<string> ConnectUrl { get; } = new("--connect-url")
    {
        Description = "Kafka Connect REST URL (default: $PLATFORM_CONNECT_URL, else http://localhost:8083).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PLATFORM_CONNECT_URL") is { Length: > 0 } url ? url : "http://localhost:8083",
        Recursive = true,
    };

    public Option<DirectoryInfo> Dir { get; } = new("--dir")
    {
        Description = "Directory of connector files (<service>.json, the body of POST /connectors).",
        DefaultValueFactory = _ => new DirectoryInfo("connectors"),
        Recursive = true,
    };

    public Option<int> Retries { get; } = new("--retries")
    {
        Description = "How often a 409 (worker group rebalancing) is retried, with exponential backoff.",
        DefaultValueFactory = _ => 5,
        Recursive = true,
    };

    public void Bind(Command command, Func<ConnectorInvocation, CancellationToken, Task<int>> action)
        => command.SetAction((result, cancellationToken) => RunAsync(result, action, cancellationToken));

    private async Task<int> RunAsync(ParseResult result, Func<ConnectorInvocation, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        var url = result.GetValue(ConnectUrl)!;
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.MarkupLine($"[red]--connect-url {Markup.Escape(url)} is not an http(s) URL.[/]");
            return ExitCodes.BadInput;
        }

        // Connect itself gives up on a request after 90 s (500 "Request timed out"); wait a little longer.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var options = new KafkaConnectOptions { BaseUrl = baseUrl, MaxConflictRetries = Math.Max(0, result.GetValue(Retries)), InitialBackoff = initialBackoff };
        var invocation = new ConnectorInvocation(result, new KafkaConnectClient(http, options, new ConsoleWarnings<KafkaConnectClient>(errors)), console, errors, result.GetValue(Dir)!);
        try
        {
            return await action(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (BadInputException e)
        {
            invocation.Error(e.Message);
            return ExitCodes.BadInput;
        }
        catch (ReplayException e)
        {
            // Checks shared with the replay commands (slots, LSNs, Kafka and database settings).
            invocation.Error(e.Message);
            return e.Code switch
            {
                ReplayExitCode.BadInput => ExitCodes.BadInput,
                ReplayExitCode.UnknownTopic => ExitCodes.NotFound,
                ReplayExitCode.NotRetained => ExitCodes.NotRetained,
                ReplayExitCode.AlreadyConfirmed => ExitCodes.AlreadyConfirmed,
                _ => ExitCodes.Failed,
            };
        }
        catch (NpgsqlException e)
        {
            invocation.Error($"PostgreSQL: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (KafkaConnectException e)
        {
            invocation.Error(e.Message);
            return e.Kind switch
            {
                KafkaConnectErrorKind.NotFound => ExitCodes.NotFound,
                KafkaConnectErrorKind.Unreachable or KafkaConnectErrorKind.TimedOut => ExitCodes.Unreachable,
                KafkaConnectErrorKind.Conflict => ExitCodes.Conflict,
                _ => ExitCodes.Failed,
            };
        }
    }
}
