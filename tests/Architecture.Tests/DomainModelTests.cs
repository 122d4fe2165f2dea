using ArchUnitNET.Loader;
using ArchUnitNET.NUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Architecture.Tests;

/// <summary>
/// The services' domain models (their <c>Domain</c> namespaces) know nothing of databases, brokers
/// or HTTP: they depend on Platform.Domain, the contracts and the runtime. ArchUnitNET names each
/// offending type and dependency.
/// </summary>
public class DomainModelTests
{
    private static readonly ArchUnitNET.Domain.Architecture Platform = new ArchLoader()
        .LoadAssemblies([.. ProductionAssemblies.Services.Select(s => System.Reflection.Assembly.LoadFrom(ProductionAssemblies.PathOf(s)))])
        .Build();

    [Test]
    public void domain_models_depend_on_no_database_broker_web_or_infrastructure_type() =>
        Types().That().ResideInNamespaceMatching(@"^(Orders\.Api|Payments\.Worker|Inventory\.Worker|Notifications\.Worker)\.Domain(\..+)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(
                @"^(Microsoft\.EntityFrameworkCore|Microsoft\.AspNetCore|Confluent\.Kafka|Npgsql|Platform\.Persistence|Platform\.Messaging|Platform\.Kafka|Platform\.Operations)(\..+)?$"))
            .Check(Platform);
}
