namespace Platform.Testing;

/// <summary>
/// Where a test run takes PostgreSQL and Kafka from: for each, its configured address; else a
/// container where a container engine answers; else local infrastructure. The engine is asked at
/// most once, and only when an address is missing.
/// </summary>
/// <param name="Postgres">The source of the run's PostgreSQL.</param>
/// <param name="Kafka">The source of the run's Kafka.</param>
public sealed record InfrastructureChoice(InfrastructureSource Postgres, InfrastructureSource Kafka)
{
    /// <summary>Chooses from the configured addresses (null when unset) and the container engine's answer.</summary>
    public static InfrastructureChoice Make(string? postgresAddress, string? kafkaAddress, Func<bool> containerEngineAnswers)
    {
        ArgumentNullException.ThrowIfNull(containerEngineAnswers);
        var engine = new Lazy<bool>(containerEngineAnswers);
        return new InfrastructureChoice(Pick(postgresAddress, engine), Pick(kafkaAddress, engine));
    }

    /// <summary>The line a test run prints about its infrastructure.</summary>
    public string Describe() =>
        $"Test infrastructure: PostgreSQL from {Name(Postgres, TestSettings.PostgresVariable, $"a {TestContainers.PostgresImage} container", "a local initdb cluster")}; " +
        $"Kafka from {Name(Kafka, TestSettings.KafkaVariable, $"an {TestContainers.KafkaImage} container", "librdkafka's mock cluster")}" +
        (Postgres == InfrastructureSource.Local || Kafka == InfrastructureSource.Local
            ? " (no container engine answered)"
            : "");

    private static InfrastructureSource Pick(string? address, Lazy<bool> engine) =>
        address is not null ? InfrastructureSource.Configured
        : engine.Value ? InfrastructureSource.Container
        : InfrastructureSource.Local;

    private static string Name(InfrastructureSource source, string variable, string container, string local) => source switch
    {
        InfrastructureSource.Configured => variable,
        InfrastructureSource.Container => container,
        _ => local,
    };
}
