using System.ComponentModel.DataAnnotations;

namespace Platform.Messaging.Consuming;

/// <summary>One consumer's settings (configuration section <c>Consumers:{name}</c>).</summary>
public sealed class ConsumerOptions
{
    /// <summary>Kafka bootstrap servers.</summary>
    [Required(ErrorMessage = "Kafka:BootstrapServers is required.")]
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Consumer group id; also the consumer's name in the inbox and its dead-letter topic (<c>{GroupId}.dlq</c>).</summary>
    [Required(ErrorMessage = "GroupId is required.")]
    [RegularExpression("^[a-zA-Z0-9._-]{1,128}$", ErrorMessage = "GroupId must be 1-128 characters of [a-zA-Z0-9._-].")]
    public string GroupId { get; set; } = string.Empty;

    /// <summary>Topics to subscribe to.</summary>
    [MinLength(1, ErrorMessage = "Topics must name at least one topic.")]
    public IList<string> Topics { get; } = [];

    /// <summary>Attempts per record before it is parked in the dead-letter topic.</summary>
    [Range(1, 100, ErrorMessage = "MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "RetryDelay must be between 1 ms and 1 minute.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest retry delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "MaxRetryDelay must be between 1 ms and 10 minutes.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consumer session timeout; the group reassigns a silent member's partitions after it.</summary>
    [Range(1000, 300_000, ErrorMessage = "SessionTimeoutMs must be between 1000 and 300000.")]
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>Records buffered per partition between the poll loop and its worker.</summary>
    [Range(1, 100_000, ErrorMessage = "PartitionQueueCapacity must be between 1 and 100000.")]
    public int PartitionQueueCapacity { get; set; } = 1_000;
}
