using Platform.Local;
using Testcontainers.Kafka;
using Testcontainers.PostgreSql;

namespace Platform.Testing;

/// <summary>
/// The containers a test run starts where a container engine answers: PostgreSQL as production
/// runs it, with the local cluster's settings, and a single-node KRaft Apache Kafka.
/// </summary>
public static class TestContainers
{
    /// <summary>The PostgreSQL image: production's major version.</summary>
    public const string PostgresImage = "postgres:17";

    /// <summary>The Kafka image: Apache Kafka 4.x in KRaft mode.</summary>
    public const string KafkaImage = "apache/kafka:4.1.0";

    /// <summary>
    /// A PostgreSQL container with <c>wal_level=logical</c> and the slots, WAL senders and
    /// connections of the local test cluster (<see cref="LocalPostgresOptions.ServerSettings"/>).
    /// </summary>
    public static PostgreSqlContainer Postgres() =>
        new PostgreSqlBuilder(PostgresImage)
            .WithCommand(new LocalPostgresOptions { Fast = true }.ServerSettings()
                .SelectMany(setting => new[] { "-c", $"{setting.Name}={setting.Value}" }).ToArray())
            .Build();

    /// <summary>
    /// A Kafka broker whose auto-created topics have <see cref="TestKafka.DefaultPartitions"/>
    /// partitions, as on the mock cluster.
    /// </summary>
    public static KafkaContainer Kafka() =>
        new KafkaBuilder(KafkaImage)
            .WithKRaft()
            .WithEnvironment("KAFKA_NUM_PARTITIONS", TestKafka.DefaultPartitions.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Build();
}
