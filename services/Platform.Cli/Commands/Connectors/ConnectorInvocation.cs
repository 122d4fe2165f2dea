using System.CommandLine;
using System.Text.Json;
using Platform.KafkaConnect;
using Spectre.Console;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// What one <c>platform connectors</c> action works with: its parsed args, client, the console for
/// results (stdout) and the one for errors and refusals (stderr), so scripts can read results alone.
/// </summary>
internal sealed record ConnectorInvocation(ParseResult Result, KafkaConnectClient Client, IAnsiConsole Console, IAnsiConsole ErrorConsole, DirectoryInfo Dir)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as indented JSON, for scripts (<c>--json</c>).</summary>
    public void WriteJson<T>(T value) => WriteRaw(JsonSerializer.Serialize(value, Indented));

    /// <summary>Writes a line unwrapped and unstyled (JSON for scripts must not be wrapped to the console width).</summary>
    public void WriteRaw(string text) => Console.Profile.Out.Writer.WriteLine(text);

    public void Error(string text) => ErrorConsole.MarkupLine($"[red]{Markup.Escape(text)}[/]");
}
