using System.Reflection;

namespace Architecture.Tests;

/// <summary>
/// Which project may use which, read from the built assemblies' references (the compiler records
/// only the assemblies a project's code actually uses). Each rule names the offending projects.
/// Covers project-level dependencies; type-level rules are in the other classes here.
/// </summary>
public class LayeringTests
{
    private static readonly string[] Frameworks = ["Platform.Contracts", "Platform.Kafka", "Platform.ServiceDefaults"];

    /// <summary>What each project's code may use directly; anything not listed is below the project's layer.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [ProductionAssemblies.Domain] = [],
        ["Platform.Contracts"] = [],
        ["Platform.Kafka"] = [],
        ["Platform.KafkaConnect"] = [],
        ["Platform.Local"] = [],
        ["Platform.ServiceDefaults"] = ["Platform.Kafka"],
        ["Platform.Persistence"] = [ProductionAssemblies.Domain, "Platform.Contracts", "Platform.ServiceDefaults"],
        ["Platform.Messaging"] = [ProductionAssemblies.Domain, .. Frameworks, "Platform.Persistence"],
        ["Platform.Relay"] = [.. Frameworks, "Platform.Persistence"],
        ["Platform.Operations"] = [.. Frameworks, "Platform.Persistence", "Platform.Messaging"],
        ["Platform.Dashboard"] = [.. Frameworks, "Platform.Operations"],
        ["Orders.Api"] = [ProductionAssemblies.Domain, .. Frameworks, "Platform.Persistence", "Platform.Messaging", "Platform.Operations"],
        ["Payments.Worker"] = [ProductionAssemblies.Domain, .. Frameworks, "Platform.Persistence", "Platform.Messaging", "Platform.Operations"],
        ["Inventory.Worker"] = [ProductionAssemblies.Domain, .. Frameworks, "Platform.Persistence", "Platform.Messaging", "Platform.Operations"],
        ["Notifications.Worker"] = [ProductionAssemblies.Domain, .. Frameworks, "Platform.Persistence", "Platform.Messaging", "Platform.Operations"],
        [ProductionAssemblies.Cli] = [.. Frameworks, "Platform.Persistence", "Platform.Messaging", "Platform.Operations", "Platform.KafkaConnect", "Platform.Dashboard"],
        [ProductionAssemblies.AppHost] = [.. ProductionAssemblies.All.Where(p => p != ProductionAssemblies.AppHost && p != ProductionAssemblies.Cli)],
    };

    private static IEnumerable<string> Projects => ProductionAssemblies.All;

    private static IEnumerable<string> Services => ProductionAssemblies.Services;

    private static IEnumerable<string> BuildingBlocks => ProductionAssemblies.BuildingBlocks;

    [Test]
    public void every_production_project_has_a_rule() =>
        Assert.That(ProductionAssemblies.All.Where(p => !Allowed.ContainsKey(p)), Is.Empty);

    /// <summary>Aggregates and domain events depend on the .NET runtime alone: no package, nothing of ours.</summary>
    [Test]
    public void the_domain_building_blocks_reference_only_the_dotnet_runtime()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var outside = Assembly.LoadFrom(ProductionAssemblies.PathOf(ProductionAssemblies.Domain)).GetReferencedAssemblies()
            .Where(a => !File.Exists(Path.Combine(runtime, a.Name + ".dll"))).Select(a => a.Name);
        Assert.That(outside, Is.Empty, "assemblies Platform.Domain references outside the .NET runtime");
    }

    [TestCaseSource(nameof(Projects))]
    public void a_project_uses_only_the_projects_of_the_layers_below_it(string project)
    {
        var beyond = ProductionAssemblies.DirectReferencesOf(project).Except(Allowed[project]).Order();
        Assert.That(beyond, Is.Empty, $"projects {project} uses that its layer does not allow");
    }

    [TestCaseSource(nameof(Services))]
    public void a_service_depends_on_no_other_service(string service)
    {
        var others = ProductionAssemblies.AllReferencesOf(service).Intersect(ProductionAssemblies.Services).Order();
        Assert.That(others, Is.Empty, $"services {service} depends on");
    }

    [Test]
    public void the_operator_cli_depends_on_no_service_and_not_on_the_launcher()
    {
        var forbidden = ProductionAssemblies.AllReferencesOf(ProductionAssemblies.Cli)
            .Intersect([.. ProductionAssemblies.Services, ProductionAssemblies.AppHost]).Order();
        Assert.That(forbidden, Is.Empty, "what the platform CLI depends on");
    }

    [TestCaseSource(nameof(BuildingBlocks))]
    public void a_building_block_depends_on_no_service_and_not_on_the_launcher(string project)
    {
        var forbidden = ProductionAssemblies.AllReferencesOf(project)
            .Intersect([.. ProductionAssemblies.Services, ProductionAssemblies.Cli, ProductionAssemblies.AppHost]).Order();
        Assert.That(forbidden, Is.Empty, $"what {project} depends on");
    }
}
