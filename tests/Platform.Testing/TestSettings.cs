namespace Platform.Testing;

/// <summary>
/// Where tests find their infrastructure: environment variables when set, otherwise local
/// infrastructure this test run starts and owns.
/// </summary>
public static class TestSettings
{
    /// <summary>Npgsql connection string of a PostgreSQL server the tests may create and drop databases on.</summary>
    public const string PostgresVariable = "PLATFORM_TEST_POSTGRES";

    /// <summary>Kafka bootstrap servers (host:port,...) of a cluster the tests may create topics on.</summary>
    public const string KafkaVariable = "PLATFORM_TEST_KAFKA";

    /// <summary>The configured PostgreSQL connection string, or null to start a local cluster.</summary>
    public static string? Postgres => Read(PostgresVariable);

    /// <summary>The configured Kafka bootstrap servers, or null to start librdkafka's mock cluster.</summary>
    public static string? Kafka => Read(KafkaVariable);

    private static string? Read(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
