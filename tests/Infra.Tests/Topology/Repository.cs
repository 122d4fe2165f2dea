using Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Infra.Tests.Topology;

/// <summary>
/// The production topology's files as copied next to the test assembly (Infra.Tests.csproj):
/// connectors/*.json, infra/compose.yaml, infra/connect/, infra/k8s/*.yaml, infra/postgres/, and the
/// names the services use for the same things.
/// </summary>
internal static class Repository
{
    public static IReadOnlyList<ConnectorFile> Connectors { get; } = ConnectorFile.LoadAll(PathOf("connectors"));

    public static YamlMappingNode Compose { get; } = YamlNodes.Load(PathOf("infra", "compose.yaml")).Single();

    /// <summary>Every Kubernetes resource of infra/k8s/*.yaml.</summary>
    public static IReadOnlyList<YamlMappingNode> Kubernetes { get; } =
        [.. Directory.GetFiles(PathOf("infra", "k8s"), "*.yaml").Order(StringComparer.Ordinal).SelectMany(YamlNodes.Load).Where(d => d.Has("kind"))];

    /// <summary>The event topics and every consumer group's dead-letter topic, as the services name them.</summary>
    public static IReadOnlyList<string> PlatformTopics { get; } = [.. Topics.All, .. ConsumerGroups.All.Select(g => g + ".dlq")];

    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static YamlMappingNode Service(string name) => Compose.Map("services").Map(name);

    /// <summary>A compose service's environment with compose's <c>$$</c> escape undone (what the container sees).</summary>
    public static Dictionary<string, string> Environment(string service)
        => Service(service).Map("environment").Scalars().ToDictionary(p => p.Key, p => p.Value.Replace("$$", "$", StringComparison.Ordinal), StringComparer.Ordinal);

    public static IEnumerable<YamlMappingNode> Strimzi(string kind) => Kubernetes.Where(r => r.Text("kind") == kind && r.Text("apiVersion").StartsWith("kafka.strimzi.io/", StringComparison.Ordinal));
}
