using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Platform.Contracts;

namespace Platform.Messaging.Consuming;

/// <summary>Reads the outbox record contract (key, value, headers, timestamp) off a Kafka record.</summary>
public static class EventEnvelope
{
    /// <summary>
    /// The event carried by <paramref name="record"/>, or null with <paramref name="problem"/>
    /// saying why the record is not a valid outbox event (it then goes to the dead-letter topic).
    /// </summary>
    public static ConsumedEvent? TryRead(ConsumeResult<byte[]?, byte[]?> record, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = record.Message;
        problem = null;
        var id = Header(message, OutboxHeaders.EventId);
        var type = Header(message, OutboxHeaders.EventType);
        var sequenceText = Header(message, OutboxHeaders.Sequence);
        long? sequence = null;
        if (id is null)
        {
            problem = $"missing '{OutboxHeaders.EventId}' header";
        }
        else if (!Guid.TryParse(id, out _))
        {
            problem = $"'{OutboxHeaders.EventId}' header is not a UUID";
        }
        else if (string.IsNullOrEmpty(type))
        {
            problem = $"missing '{OutboxHeaders.EventType}' header";
        }
        else if (sequenceText is not null)
        {
            if (long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
            {
                sequence = parsed;
            }
            else
            {
                problem = $"'{OutboxHeaders.Sequence}' header is not a positive integer";
            }
        }

        if (problem is null && (message.Key is null || message.Key.Length == 0))
        {
            problem = "missing record key (aggregate id)";
        }
        else if (problem is null && message.Value is null)
        {
            problem = "missing record value (event payload)";
        }

        if (problem is not null)
        {
            return null;
        }

        return new ConsumedEvent(
            record.Topic, record.Partition.Value, record.Offset.Value,
            Encoding.UTF8.GetString(message.Key!), Guid.Parse(id!), type!, sequence,
            message.Timestamp.UtcDateTime, message.Value!, Header(message, OutboxHeaders.TraceParent));
    }

    private static string? Header(Message<byte[]?, byte[]?> message, string name) =>
        message.Headers is not null && message.Headers.TryGetLastBytes(name, out var bytes) && bytes is not null
            ? Encoding.UTF8.GetString(bytes)
            : null;
}
