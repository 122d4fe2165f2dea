using NUnit.Framework;

namespace Platform.Testing;

/// <summary>
/// Stops the infrastructure this test run started. Each test project derives one
/// <c>[SetUpFixture]</c> from it outside any namespace, so it covers the whole assembly.
/// </summary>
public abstract class PlatformTestRun
{
    /// <summary>Stops the local PostgreSQL cluster and the mock Kafka cluster, if this run started them.</summary>
    [OneTimeTearDown]
    public async Task StopInfrastructureAsync()
    {
        TestKafka.Stop();
        await TestPostgres.StopAsync();
    }
}
