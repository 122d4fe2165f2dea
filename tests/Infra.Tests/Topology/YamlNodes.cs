using YamlDotNet.RepresentationModel;

namespace Infra.Tests.Topology;

/// <summary>Reads YAML files of the repository with YamlDotNet, and walks mappings by key with a clear failure when a key is missing.</summary>
internal static class YamlNodes
{
    /// <summary>Every document of a YAML file, each a mapping.</summary>
    public static IReadOnlyList<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    /// <summary>The mapping under <paramref name="key"/>.</summary>
    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)Child(node, key);

    /// <summary>The sequence under <paramref name="key"/>.</summary>
    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) => (YamlSequenceNode)Child(node, key);

    /// <summary>The scalar text under <paramref name="key"/>.</summary>
    public static string Text(this YamlMappingNode node, string key) => ((YamlScalarNode)Child(node, key)).Value!;

    /// <summary>The scalar text under <paramref name="key"/>, or null when the key is absent.</summary>
    public static string? TextOrNull(this YamlMappingNode node, string key)
        => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    /// <summary>True when the mapping has <paramref name="key"/>.</summary>
    public static bool Has(this YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>A mapping of scalars as a dictionary (e.g. an environment or a config block).</summary>
    public static Dictionary<string, string> Scalars(this YamlMappingNode node)
        => node.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!, StringComparer.Ordinal);

    private static YamlNode Child(YamlMappingNode node, string key)
    {
        Assert.That(node.Has(key), Is.True, $"no '{key}' at line {node.Start.Line}");
        return node.Children[new YamlScalarNode(key)];
    }
}
