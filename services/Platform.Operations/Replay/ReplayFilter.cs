using System.Text;
using Confluent.Kafka;
using Platform.Contracts;

namespace Platform.Operations.Replay;

/// <summary>Selects records by aggregate id (the record key), event type (<c>eventType</c> header) and header values; an empty criterion selects all.</summary>
/// <param name="AggregateIds">Keys to keep.</param>
/// <param name="EventTypes">Event types to keep.</param>
/// <param name="Headers">Header name and value pairs that must all be present (last value of a name wins, as consumers read it).</param>
public sealed record ReplayFilter(
    IReadOnlyCollection<string> AggregateIds,
    IReadOnlyCollection<string> EventTypes,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Selects every record.</summary>
    public static ReplayFilter All { get; } = new([], [], new Dictionary<string, string>());

    /// <summary>True when <paramref name="message"/> passes every criterion.</summary>
    public bool Matches(Message<byte[]?, byte[]?> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (AggregateIds.Count > 0 && (message.Key is null || !AggregateIds.Contains(Encoding.UTF8.GetString(message.Key))))
        {
            return false;
        }

        if (EventTypes.Count > 0 && (EventTypeOf(message) is not { } type || !EventTypes.Contains(type)))
        {
            return false;
        }

        return Headers.All(h => HeaderText(message, h.Key) == h.Value);
    }

    /// <summary>The <c>eventType</c> header, or null.</summary>
    public static string? EventTypeOf(Message<byte[]?, byte[]?> message) => HeaderText(message, OutboxHeaders.EventType);

    /// <summary>The last value of header <paramref name="name"/> as UTF-8 text, or null.</summary>
    public static string? HeaderText(Message<byte[]?, byte[]?> message, string name)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Headers is not null && message.Headers.TryGetLastBytes(name, out var bytes) && bytes is not null
            ? Encoding.UTF8.GetString(bytes)
            : null;
    }
}
