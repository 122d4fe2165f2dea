using System.ComponentModel.DataAnnotations;
using Platform.Kafka.Clients;
using Platform.Kafka;
using Platform.Persistence;

namespace Platform.Messaging.Consuming;

/// <summary>One consumer's settings (configuration section <c>Consumers:{name}</c>).</summary>
public sealed class ConsumerOptions : IValidatableObject
{
    /// <summary>False leaves the consumer registered but idle (e.g. an API instance that serves requests only).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Kafka bootstrap servers.</summary>
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Consumer group id; also the consumer's name in the inbox and its dead-letter topic (<c>{GroupId}.dlq</c>).</summary>
    [RegularExpression("^[a-zA-Z0-9._-]{0,128}$", ErrorMessage = "GroupId must be 1-128 characters of [a-zA-Z0-9._-].")]
    public string GroupId { get; set; } = string.Empty;

    /// <summary>
    /// Extra librdkafka properties for this consumer's Kafka clients (configuration section
    /// <c>Kafka:Properties</c>), e.g. <c>security.protocol=SASL_SSL</c>, <c>sasl.mechanism=SCRAM-SHA-512</c>,
    /// <c>sasl.username</c>, <c>sasl.password</c>, <c>ssl.ca.location</c>. Never logged. The
    /// properties that carry the delivery guarantees (see <see cref="ReservedProperties"/>) are
    /// the host's and refused here.
    /// </summary>
    public IDictionary<string, string> KafkaProperties { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What this member's Kafka client configuration is made from (<see cref="ConsumerClientConfig.For"/>).</summary>
    public ConsumerClientSettings ClientSettings =>
        new(BootstrapServers, GroupId, new Dictionary<string, string>(KafkaProperties, StringComparer.Ordinal), SessionTimeoutMs);

    /// <summary>librdkafka properties the consumer host and dead-letter publisher set themselves: offsets follow effects, parked copies are acknowledged by all replicas.</summary>
    public static readonly IReadOnlySet<string> ReservedProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "bootstrap.servers", "group.id", "enable.auto.commit", "enable.auto.offset.store", "isolation.level",
        "enable.idempotence", "acks", "partitioner", "enable.partition.eof",
    };

    /// <summary>Topics to subscribe to.</summary>
    public IList<string> Topics { get; } = [];

    /// <summary>Attempts per record before it is parked in the dead-letter topic.</summary>
    [Range(1, 100, ErrorMessage = "MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "RetryDelay must be between 1 ms and 1 minute.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest retry delay (while the database cannot be reached, at most 1 s: <see cref="RetrySchedule"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "MaxRetryDelay must be between 1 ms and 10 minutes.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Consumer session timeout under the classic group protocol: the group reassigns a silent
    /// member's partitions after it. Not used under <c>group.protocol=consumer</c> (KIP-848), where
    /// the broker's <c>group.consumer.session.timeout.ms</c> decides.
    /// </summary>
    [Range(1000, 300_000, ErrorMessage = "SessionTimeoutMs must be between 1000 and 300000.")]
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>Records buffered per partition between the poll loop and its worker.</summary>
    [Range(1, 100_000, ErrorMessage = "PartitionQueueCapacity must be between 1 and 100000.")]
    public int PartitionQueueCapacity { get; set; } = 1_000;

    /// <summary>
    /// Most records of one partition applied in one transaction when they are already waiting
    /// (each still with its own inbox row; a failing batch is redone record by record). The
    /// default, 1, is one transaction per record. Raise it only for handlers that take no row or
    /// advisory locks shared with other partitions: a batch holds its locks until its single
    /// commit, so two batches taking the same locks in different orders deadlock (PostgreSQL
    /// resolves it after deadlock_timeout, and the batch is redone record by record).
    /// </summary>
    [Range(1, 1_000, ErrorMessage = "MaxBatchSize must be between 1 and 1000.")]
    public int MaxBatchSize { get; set; } = 1;

    /// <summary>
    /// Most database transactions this consumer runs at once, over all its partitions (each
    /// partition still applies its records one batch at a time, in order). Default: four per
    /// core, at least 4. Past that, more concurrent transactions only queue for the same cores
    /// and PostgreSQL backends; and a restarted member given a backlog on every partition would
    /// otherwise open a connection per partition at once, a burst of new server processes that
    /// delays its own readiness.
    /// </summary>
    [Range(1, 1_000, ErrorMessage = "MaxConcurrentTransactions must be between 1 and 1000.")]
    public int MaxConcurrentTransactions { get; set; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            yield return new ValidationResult("Kafka:BootstrapServers is required.", [nameof(BootstrapServers)]);
        }

        if (string.IsNullOrWhiteSpace(GroupId))
        {
            yield return new ValidationResult("GroupId is required.", [nameof(GroupId)]);
        }

        foreach (var key in KafkaProperties.Keys.Where(ReservedProperties.Contains))
        {
            yield return new ValidationResult(
                $"Kafka:Properties:{key} is set by the consumer host (it carries the delivery guarantees); remove it.", [nameof(KafkaProperties)]);
        }

        if (ConsumerClientConfig.UsesConsumerProtocol(ClientSettings.Properties))
        {
            foreach (var key in KafkaProperties.Keys.Where(ConsumerClientConfig.ClassicOnlyProperties.Contains))
            {
                yield return new ValidationResult(
                    $"Kafka:Properties:{key} belongs to the classic group protocol; with group.protocol=consumer the broker decides it (group.consumer.* settings); remove it.",
                    [nameof(KafkaProperties)]);
            }
        }

        if (KafkaProperties.Count > 0 && !KafkaProperties.Keys.Any(ReservedProperties.Contains) && KafkaPropertyCheck.Problem(KafkaProperties) is { } problem)
        {
            yield return new ValidationResult($"Kafka:Properties: {problem}", [nameof(KafkaProperties)]);
        }

        if (Topics.Count == 0 || Topics.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("Topics must name at least one topic, none empty.", [nameof(Topics)]);
        }
    }
}
