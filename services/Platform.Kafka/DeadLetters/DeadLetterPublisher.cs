using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Platform.Kafka;

using Platform.Kafka.Clients;

namespace Platform.Kafka.DeadLetters;

/// <summary>
/// Parks records a consumer cannot apply in its dead-letter topic (<c>{consumer}.dlq</c>): the
/// original key, value, headers and timestamp unchanged, plus headers saying why and where from.
/// Guarantee: returns only after Kafka acknowledged the parked copy (idempotent producer,
/// acks=all), so the caller may then commit the original offset without losing the record.
/// </summary>
/// <param name="bootstrapServers">Kafka.</param>
/// <param name="clock">Time of parking.</param>
/// <param name="logger">Where parking is reported.</param>
/// <param name="properties">Extra librdkafka properties (security); the guarantee-carrying ones below win, and those only a consumer reads are left out.</param>
public sealed partial class DeadLetterPublisher(string bootstrapServers, TimeProvider clock, ILogger<DeadLetterPublisher> logger, IEnumerable<KeyValuePair<string, string>>? properties = null) : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer = new ProducerBuilder<byte[]?, byte[]?>(DeadLetterProducerConfig.Create(bootstrapServers, properties))
        // librdkafka's own log lines go to the host's logs (structured), not to stderr.
        .SetLogHandler((_, message) => logger.Log(KafkaClientLog.LevelOf(message.Level), "Kafka client {Facility}: {Text}", message.Facility, message.Message))
        .Build();

    /// <summary>Copies <paramref name="record"/> to the consumer's dead-letter topic; retries until acknowledged or cancelled.</summary>
    public async Task ParkAsync(ConsumeResult<byte[]?, byte[]?> record, string consumer, string reason, Exception? exception, int attempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        void Add(string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));
        Add(DeadLetterHeaders.Reason, reason);
        if (exception is not null)
        {
            Add(DeadLetterHeaders.ExceptionType, exception.GetType().FullName ?? exception.GetType().Name);
        }

        Add(DeadLetterHeaders.Attempts, attempts.ToString(CultureInfo.InvariantCulture));
        Add(DeadLetterHeaders.OriginalTopic, record.Topic);
        Add(DeadLetterHeaders.OriginalPartition, record.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(DeadLetterHeaders.OriginalOffset, record.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add(DeadLetterHeaders.Consumer, consumer);
        Add(DeadLetterHeaders.ParkedAt, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        var parked = new Message<byte[]?, byte[]?>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Headers = headers,
            Timestamp = record.Message.Timestamp,
        };

        var topic = DeadLetterHeaders.TopicFor(consumer);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _producer.ProduceAsync(topic, parked, cancellationToken);
                LogParked(record.Topic, record.Partition.Value, record.Offset.Value, topic, reason);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The original offset must not be committed until the copy is safe: keep trying.
                LogParkFailed(ex, topic, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), clock, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parked {Topic}[{Partition}]@{Offset} in {DeadLetterTopic}: {Reason}")]
    private partial void LogParked(string topic, int partition, long offset, string deadLetterTopic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not park a record in {DeadLetterTopic} (attempt {Attempt}); retrying")]
    private partial void LogParkFailed(Exception exception, string deadLetterTopic, int attempt);
}
