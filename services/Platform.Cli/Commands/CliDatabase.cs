using System.CommandLine;
using Npgsql;
using Platform.Operations;

namespace Platform.Cli.Commands;

/// <summary>
/// Where the CLI finds a service database: <c>--connection-string</c>, else <c>--service NAME</c>
/// read from <c>ConnectionStrings__Name</c> (configuration key <c>ConnectionStrings:Name</c>, as the services read it).
/// </summary>
internal sealed class CliDatabase
{
    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "Npgsql connection string of the service database." };

    public Option<string?> Service { get; } = new("--service") { Description = "Service (orders, payments, inventory, notifications): reads ConnectionStrings__<Service>." };

    /// <summary>Adds both options to <paramref name="command"/>; returns it.</summary>
    public Command AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(ConnectionString);
        command.Options.Add(Service);
        return command;
    }

    /// <summary>True when either option was given.</summary>
    public bool IsGiven(ParseResult result) => result?.GetValue(ConnectionString) is not null || result?.GetValue(Service) is not null;

    /// <summary>The connection string; a missing or unparsable one is <see cref="ReplayExitCode.BadInput"/> naming the option.</summary>
    public string Resolve(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (text, source) = result.GetValue(ConnectionString) is { } given
            ? (given, "--connection-string")
            : result.GetValue(Service) is { Length: > 0 } service
                ? (Environment.GetEnvironmentVariable(Variable(service)), Variable(service))
                : throw new ReplayException(ReplayExitCode.BadInput, "Give --connection-string, or --service NAME with ConnectionStrings__<Name> set.");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"{source} is not set; give --connection-string instead.");
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(text).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new ReplayException(ReplayExitCode.BadInput, $"{source} is not an Npgsql connection string: {ex.Message}");
        }
    }

    private static string Variable(string service) => $"ConnectionStrings__{char.ToUpperInvariant(service[0])}{service[1..]}";
}
