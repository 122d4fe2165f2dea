using System.Reflection;

namespace Architecture.Tests;

/// <summary>The production projects, by kind, and their assemblies as built beside these tests.</summary>
public static class ProductionAssemblies
{
    /// <summary>The domain's building blocks: references nothing of ours.</summary>
    public const string Domain = "Platform.Domain";

    /// <summary>The operator CLI (assembly <c>platform</c>).</summary>
    public const string Cli = "Platform.Cli";

    /// <summary>The development launcher (assembly <c>platform-apphost</c>).</summary>
    public const string AppHost = "Platform.AppHost";

    /// <summary>The deployable services: each its own process, none referencing another.</summary>
    public static IReadOnlyList<string> Services { get; } =
        ["Orders.Api", "Payments.Worker", "Inventory.Worker", "Notifications.Worker", "Platform.Relay"];

    /// <summary>The libraries the services and tools are built from.</summary>
    public static IReadOnlyList<string> BuildingBlocks { get; } =
    [
        Domain, "Platform.Contracts", "Platform.Kafka", "Platform.ServiceDefaults", "Platform.Persistence",
        "Platform.Messaging", "Platform.Operations", "Platform.KafkaConnect", "Platform.Dashboard", "Platform.Local",
    ];

    /// <summary>Every production project.</summary>
    public static IReadOnlyList<string> All { get; } = [.. BuildingBlocks, .. Services, Cli, AppHost];

    private static readonly Dictionary<string, string> AssemblyNames = new(StringComparer.Ordinal)
    {
        [Cli] = "platform",
        [AppHost] = "platform-apphost",
    };

    /// <summary>The project whose assembly is <paramref name="assemblyName"/>, or null when it is not one of ours.</summary>
    public static string? ProjectOf(string? assemblyName) =>
        All.FirstOrDefault(project => string.Equals(AssemblyName(project), assemblyName, StringComparison.Ordinal));

    /// <summary>The assembly file of <paramref name="project"/> in this test's output folder.</summary>
    public static string PathOf(string project) => Path.Combine(AppContext.BaseDirectory, AssemblyName(project) + ".dll");

    /// <summary>The projects of ours that <paramref name="project"/>'s code uses directly (its assembly's references).</summary>
    public static IReadOnlySet<string> DirectReferencesOf(string project) =>
        Assembly.LoadFrom(PathOf(project)).GetReferencedAssemblies().Select(a => ProjectOf(a.Name)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The projects of ours that <paramref name="project"/> depends on, directly or through others.</summary>
    public static IReadOnlySet<string> AllReferencesOf(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(DirectReferencesOf(project));
        while (next.TryPop(out var current))
        {
            if (found.Add(current))
            {
                foreach (var reference in DirectReferencesOf(current))
                {
                    next.Push(reference);
                }
            }
        }

        return found;
    }

    private static string AssemblyName(string project) => AssemblyNames.GetValueOrDefault(project, project);
}
