using System.Text.Json;
using Platform.KafkaConnect;

namespace Platform.Cli.Commands.Connectors;

/// <summary>
/// Reads <c>connectors/&lt;service&gt;.json</c> files, whose format is the body of Connect's
/// <c>POST /connectors</c>. Values are kept verbatim so config-provider references such as
/// <c>${file:...}</c> or <c>${env:...}</c> reach Connect untouched.
/// </summary>
internal static class ConnectorFile
{
    public static IReadOnlyList<ConnectorDefinition> Load(DirectoryInfo dir, IReadOnlyList<string> names)
    {
        if (!dir.Exists)
        {
            throw new BadInputException($"connector directory {dir.FullName} does not exist (use --dir)");
        }

        var files = dir.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal).Select(Read).ToList();
        if (names.Count == 0)
        {
            return files;
        }

        return [.. names.Select(name => files.FirstOrDefault(f => f.Name == name)
            ?? throw new BadInputException($"no connector file in {dir.FullName} defines a connector named {name}"))];
    }

    public static ConnectorDefinition Read(FileInfo file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file.FullName));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
            {
                throw new BadInputException($"{file.FullName}: expected {{\"name\": \"...\", \"config\": {{...}}}} (the body of POST /connectors)");
            }

            // Connect's config map is Map<String,String>; numbers and booleans are sent as their JSON text.
            var values = config.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
                StringComparer.Ordinal);
            if (!values.ContainsKey("connector.class"))
            {
                throw new BadInputException($"{file.FullName}: config has no connector.class");
            }

            // Connect refuses a config whose "name" differs from the connector's (ConnectorsResource).
            if (values.TryGetValue("name", out var configName) && configName != name.GetString())
            {
                throw new BadInputException($"{file.FullName}: config.name {configName} differs from name {name.GetString()}; drop config.name or make them equal");
            }

            return new ConnectorDefinition(name.GetString()!, values);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{file.FullName}: malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}");
        }
    }
}
