using NUnit.Framework;

namespace Platform.Testing;

/// <summary>
/// Prints where this test run takes PostgreSQL and Kafka from, and stops the infrastructure it
/// started. Each test project derives one <c>[SetUpFixture]</c> from it outside any namespace, so
/// it covers the whole assembly.
/// </summary>
public abstract class PlatformTestRun
{
    /// <summary>Prints the run's <see cref="TestInfrastructure.Choice"/> once, before any test.</summary>
    [OneTimeSetUp]
    public void AnnounceInfrastructure() => TestInfrastructure.Announce();

    /// <summary>Stops the containers, the local PostgreSQL cluster and the mock Kafka cluster this run started.</summary>
    [OneTimeTearDown]
    public async Task StopInfrastructureAsync()
    {
        await TestKafka.StopAsync();
        await TestPostgres.StopAsync();
    }
}
