using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults;

namespace Platform.Operations.Commands;

/// <summary>
/// A service's own operator commands: <c>replay</c> and <c>dlq</c>, the same commands as the
/// <c>platform</c> CLI's, run by the service's binary so that <c>--consumer</c> and
/// <c>--into-consumer</c> deliver into its consumers with its handlers and configuration.
/// <c>dotnet Payments.Worker.dll replay --topic order.events --consumer payments ...</c>.
/// </summary>
public static class ConsumerTools
{
    /// <summary>True when <paramref name="args"/> name one of these commands rather than the service's own start.</summary>
    public static bool Handles(string[] args) => args is ["replay" or "dlq", ..];

    /// <summary>
    /// A worker's entry point: the consumer tools when <paramref name="args"/> name one (for the
    /// worker's one consumer, <paramref name="consumer"/>), else the worker itself as its own
    /// process (<see cref="ServiceProcess"/>, health endpoints on <paramref name="defaultHealthPort"/>).
    /// </summary>
    public static Task<int> RunWorkerAsync(
        string[] args, string serviceName, int defaultHealthPort, string consumer, Action<IServiceCollection, IConfiguration> addService) =>
        Handles(args)
            ? RunAsync(args, new ConsumerCatalog(new Dictionary<string, Action<IServiceCollection, IConfiguration>> { [consumer] = addService }))
            : ServiceProcess.RunAsync(args, serviceName, defaultHealthPort, addService);

    /// <summary>Runs the command; its exit code (bad usage is 2, as documented for scripts).</summary>
    public static async Task<int> RunAsync(string[] args, ConsumerCatalog consumers)
    {
        var root = new RootCommand("Operator commands that deliver records into this service's consumers.")
        {
            ReplayCommand.Create(consumers),
            DlqCommand.Create(consumers),
        };
        return await CliExit.InvokeAsync(root, args);
    }
}
