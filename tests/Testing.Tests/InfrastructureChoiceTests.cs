namespace Testing.Tests;

/// <summary>
/// The order in which a test run picks its PostgreSQL and Kafka, with the container engine's answer
/// given: a configured address, else a container where an engine answers, else local
/// infrastructure; each picked on its own; the engine asked at most once and only when needed; the
/// printed line names each source. No I/O. Does not cover starting anything (the fixture tests do).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class InfrastructureChoiceTests
{
    [Test]
    public void configured_addresses_win_and_the_container_engine_is_not_asked()
    {
        var asked = 0;
        var choice = InfrastructureChoice.Make("Host=db", "kafka:9092", () => { asked++; return true; });

        Assert.Multiple(() =>
        {
            Assert.That(choice, Is.EqualTo(new InfrastructureChoice(InfrastructureSource.Configured, InfrastructureSource.Configured)));
            Assert.That(asked, Is.Zero);
        });
    }

    [Test]
    public void without_addresses_an_answering_container_engine_gives_containers_asked_once()
    {
        var asked = 0;
        var choice = InfrastructureChoice.Make(null, null, () => { asked++; return true; });

        Assert.Multiple(() =>
        {
            Assert.That(choice, Is.EqualTo(new InfrastructureChoice(InfrastructureSource.Container, InfrastructureSource.Container)));
            Assert.That(asked, Is.EqualTo(1));
        });
    }

    [Test]
    public void without_addresses_or_a_container_engine_the_run_is_local()
    {
        var choice = InfrastructureChoice.Make(null, null, () => false);

        Assert.That(choice, Is.EqualTo(new InfrastructureChoice(InfrastructureSource.Local, InfrastructureSource.Local)));
    }

    [Test]
    public void postgres_and_kafka_are_chosen_each_on_its_own()
    {
        Assert.Multiple(() =>
        {
            Assert.That(InfrastructureChoice.Make("Host=db", null, () => true),
                Is.EqualTo(new InfrastructureChoice(InfrastructureSource.Configured, InfrastructureSource.Container)));
            Assert.That(InfrastructureChoice.Make(null, "kafka:9092", () => false),
                Is.EqualTo(new InfrastructureChoice(InfrastructureSource.Local, InfrastructureSource.Configured)));
        });
    }

    [Test]
    public void the_printed_line_names_each_source()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new InfrastructureChoice(InfrastructureSource.Local, InfrastructureSource.Local).Describe(),
                Is.EqualTo("Test infrastructure: PostgreSQL from a local initdb cluster; Kafka from librdkafka's mock cluster (no container engine answered)"));
            Assert.That(new InfrastructureChoice(InfrastructureSource.Container, InfrastructureSource.Container).Describe(),
                Is.EqualTo("Test infrastructure: PostgreSQL from a postgres:17 container; Kafka from an apache/kafka:4.1.0 container"));
            Assert.That(new InfrastructureChoice(InfrastructureSource.Configured, InfrastructureSource.Configured).Describe(),
                Is.EqualTo("Test infrastructure: PostgreSQL from PLATFORM_TEST_POSTGRES; Kafka from PLATFORM_TEST_KAFKA"));
        });
    }
}
