using Google.Protobuf;
using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Which handler applies which event type. A handler changes state through the service's
/// <typeparamref name="TContext"/>; the consumer host saves and commits it together with the
/// inbox row. Event types without a handler are skipped (forward compatibility).
/// </summary>
/// <remarks>
/// Two ways to write handlers. Without a <see cref="Prepare"/> step each handler may query the
/// database, and the host saves after every handler, so in a batch each handler sees the previous
/// one's effect in the database (a few round trips per event). With a <see cref="Prepare"/> step
/// the handlers read only tracked entities: the step runs once per transaction for all new events,
/// takes every lock they need in one global order (so concurrent batches cannot deadlock) and
/// loads the rows they read; handlers then look those up in the change tracker
/// (<c>Local.FindEntry</c> by key, or a scan of <c>Local</c>) alongside what earlier handlers of
/// the batch added, and the host
/// saves once per transaction. That is what lets a batch cost a handful of round trips instead
/// of a few per event.
/// </remarks>
public sealed class EventHandlerRegistry<TContext> where TContext : DbContext
{
    private readonly Dictionary<string, Func<TContext, ConsumedEvent, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);

    /// <summary>Event types with a handler.</summary>
    public IReadOnlyCollection<string> EventTypes => _handlers.Keys;

    /// <summary>The registered <see cref="Prepare"/> step, or null when handlers query for themselves.</summary>
    public Func<TContext, IReadOnlyList<ConsumedEvent>, CancellationToken, Task>? PrepareStep { get; private set; }

    /// <summary>Handles <paramref name="eventType"/> by decoding its payload with <paramref name="parser"/> and calling <paramref name="handle"/>.</summary>
    public EventHandlerRegistry<TContext> On<TMessage>(string eventType, MessageParser<TMessage> parser, Func<TContext, TMessage, ConsumedEvent, CancellationToken, Task> handle)
        where TMessage : IMessage<TMessage>
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(handle);
        _handlers.Add(eventType, (context, consumed, cancellationToken) => handle(context, consumed.Decode(parser), consumed, cancellationToken));
        return this;
    }

    /// <summary>
    /// Registers the step that runs once per transaction, after the inbox has told which events
    /// are new and before their handlers, with those events in offset order (one event when
    /// records are applied one at a time). It takes the locks the handlers need, always in the
    /// same global order (sorted keys), and loads, tracked, every row they will read. Handlers
    /// registered with it read only the change tracker, and the host saves once per transaction.
    /// An <see cref="InvalidEventException"/> thrown here parks the offending record as a handler's
    /// would (the batch is redone one record at a time to find it).
    /// </summary>
    public EventHandlerRegistry<TContext> Prepare(Func<TContext, IReadOnlyList<ConsumedEvent>, CancellationToken, Task> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        if (PrepareStep is not null)
        {
            throw new InvalidOperationException("A consumer has one Prepare step.");
        }

        PrepareStep = prepare;
        return this;
    }

    /// <summary>The handler for <paramref name="eventType"/>, or null.</summary>
    public Func<TContext, ConsumedEvent, CancellationToken, Task>? Find(string eventType) =>
        _handlers.GetValueOrDefault(eventType);
}
