namespace Testing.Tests;

/// <summary>
/// This run's own infrastructure: on a machine without PLATFORM_TEST_POSTGRES, PLATFORM_TEST_KAFKA
/// or a container engine (this project's CI), the run uses the local initdb cluster and librdkafka's
/// mock cluster, and printed so once before its tests. Does not cover the container path: no
/// container engine runs where CI runs (the choice itself is covered by InfrastructureChoiceTests).
/// </summary>
[NonParallelizable]
public class TestRunInfrastructureTests
{
    [Test]
    public async Task without_addresses_or_a_container_engine_the_run_uses_local_infrastructure_and_printed_so()
    {
        if (TestSettings.Postgres is not null || TestSettings.Kafka is not null || ContainerEngine.Answers())
        {
            Assert.Ignore($"This machine gives the run other infrastructure ({TestInfrastructure.Choice}); " +
                          $"unset {TestSettings.PostgresVariable} and {TestSettings.KafkaVariable} and stop the container engine to check the local path.");
        }

        await using var connection = new Npgsql.NpgsqlConnection(await TestPostgres.AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var show = new Npgsql.NpgsqlCommand("SHOW data_directory", connection);
        var dataDirectory = (string?)await show.ExecuteScalarAsync();
        _ = TestKafka.BootstrapServers;

        Assert.Multiple(() =>
        {
            Assert.That(TestInfrastructure.Choice, Is.EqualTo(new InfrastructureChoice(InfrastructureSource.Local, InfrastructureSource.Local)));
            Assert.That(TestInfrastructure.Announcement, Is.EqualTo(TestInfrastructure.Choice.Describe()), "printed before the tests");
            Assert.That(dataDirectory, Does.StartWith(Path.GetTempPath()), "a throwaway cluster in this machine's temp folder");
            Assert.That(TestKafka.IsMock, Is.True, "librdkafka's mock cluster");
        });
    }
}
