using System.Diagnostics;

namespace Platform.Domain;

/// <summary>
/// Base of aggregates whose changes are announced as events. Raising an event bumps
/// <see cref="Version"/>, which is both the optimistic-concurrency token and the event's
/// sequence number; the outbox interceptor turns pending events into outbox rows in the same
/// SaveChanges, so code that changes an aggregate cannot forget its event.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<RaisedEvent> _pending = [];

    /// <summary>Outbox <c>aggregatetype</c> of this aggregate.</summary>
    public abstract string AggregateType { get; }

    /// <summary>Outbox <c>aggregateid</c>, the Kafka key.</summary>
    public abstract string AggregateId { get; }

    /// <summary>Number of events raised over the aggregate's life.</summary>
    public long Version { get; protected set; }

    /// <summary>Events raised since the last save.</summary>
    public IReadOnlyList<RaisedEvent> PendingEvents => _pending;

    /// <summary>Records <paramref name="domainEvent"/> as the aggregate's next event.</summary>
    protected void Raise(IDomainEvent domainEvent)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        Version++;
        // The trace context is taken now, where the change happens: a save may cover the
        // changes of many traced operations (a consumer saves once per batch).
        var activity = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current : null;
        _pending.Add(new RaisedEvent(domainEvent, Version, activity?.Id, string.IsNullOrEmpty(activity?.TraceStateString) ? null : activity.TraceStateString));
    }

    /// <summary>Hands the pending events over (to the outbox) and forgets them.</summary>
    public IReadOnlyList<RaisedEvent> TakePendingEvents()
    {
        var taken = _pending.ToList();
        _pending.Clear();
        return taken;
    }
}
