using System.Text.Json;

namespace Platform.Testing;

/// <summary>One connectors/*.json file, the body of Kafka Connect's <c>POST /connectors</c>: <c>{"name": ..., "config": {...}}</c>.</summary>
public sealed record ConnectorFile(string File, string Name, IReadOnlyDictionary<string, string> Config)
{
    /// <summary>Reads a connector file; every config value must be a JSON string, as Connect's REST API expects.</summary>
    public static ConnectorFile Load(string path)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        var root = document.RootElement;
        var config = root.GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return new ConnectorFile(Path.GetFileName(path), root.GetProperty("name").GetString()!, config);
    }

    /// <summary>Every connector file of <paramref name="directory"/>, by file name.</summary>
    public static IReadOnlyList<ConnectorFile> LoadAll(string directory)
        => [.. Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(Load)];

    /// <inheritdoc />
    public override string ToString() => File;
}
