using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Which handler applies which event type. A handler changes state through the service's
/// <typeparamref name="TContext"/>; the consumer host saves and commits it together with the
/// inbox row. Event types without a handler are skipped (forward compatibility).
/// </summary>
public sealed class EventHandlerRegistry<TContext> where TContext : DbContext
{
    private readonly Dictionary<string, Func<TContext, ConsumedEvent, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);

    /// <summary>Event types with a handler.</summary>
    public IReadOnlyCollection<string> EventTypes => _handlers.Keys;

    /// <summary>Handles <paramref name="eventType"/> by decoding its payload with <paramref name="parser"/> and calling <paramref name="handle"/>.</summary>
    public EventHandlerRegistry<TContext> On<TMessage>(string eventType, MessageParser<TMessage> parser, Func<TContext, TMessage, ConsumedEvent, CancellationToken, Task> handle)
        where TMessage : IMessage<TMessage>
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handle);
        _handlers.Add(eventType, (context, consumed, cancellationToken) =>
        {
            TMessage message;
            try
            {
                message = parser.ParseFrom(consumed.Payload);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new InvalidEventException($"payload is not a valid {typeof(TMessage).Name}: {ex.Message}", ex);
            }

            return handle(context, message, consumed, cancellationToken);
        });
        return this;
    }

    /// <summary>The handler for <paramref name="eventType"/>, or null.</summary>
    public Func<TContext, ConsumedEvent, CancellationToken, Task>? Find(string eventType) =>
        _handlers.GetValueOrDefault(eventType);
}
