namespace Platform.Testing;

/// <summary>Where a test run's PostgreSQL or Kafka comes from, in the order they are tried.</summary>
public enum InfrastructureSource
{
    /// <summary>The address in <see cref="TestSettings.PostgresVariable"/> or <see cref="TestSettings.KafkaVariable"/>.</summary>
    Configured,

    /// <summary>A container started through Testcontainers, because a container engine answered.</summary>
    Container,

    /// <summary>A local <c>initdb</c> cluster, or librdkafka's mock cluster in this process.</summary>
    Local,
}
