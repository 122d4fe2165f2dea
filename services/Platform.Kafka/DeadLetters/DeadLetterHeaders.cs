namespace Platform.Kafka.DeadLetters;

/// <summary>
/// Headers a consumer adds when it parks a record in its dead-letter topic. The original key,
/// value and headers are kept unchanged; these say why and where it came from.
/// </summary>
public static class DeadLetterHeaders
{
    /// <summary>Prefix of every header a consumer adds when parking; a redrive strips them.</summary>
    public const string Prefix = "dlq.";

    /// <summary>Why the record was parked, in words.</summary>
    public const string Reason = "dlq.reason";

    /// <summary>CLR type name of the exception that made it fail, if any.</summary>
    public const string ExceptionType = "dlq.exception";

    /// <summary>How many times the handler was tried.</summary>
    public const string Attempts = "dlq.attempts";

    /// <summary>Topic the record was consumed from.</summary>
    public const string OriginalTopic = "dlq.original.topic";

    /// <summary>Partition it was consumed from.</summary>
    public const string OriginalPartition = "dlq.original.partition";

    /// <summary>Offset it was consumed at.</summary>
    public const string OriginalOffset = "dlq.original.offset";

    /// <summary>Name of the consumer (group) that parked it.</summary>
    public const string Consumer = "dlq.consumer";

    /// <summary>When it was parked, ISO 8601 UTC.</summary>
    public const string ParkedAt = "dlq.parked.at";

    /// <summary>The dead-letter topic of a consumer: <c>{consumer}.dlq</c>.</summary>
    public static string TopicFor(string consumer) => consumer + ".dlq";
}
