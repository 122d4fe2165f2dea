namespace Notifications.Worker.Domain;

/// <summary>A message recorded for a customer, one per event that implies one.</summary>
public sealed class Notification
{
    /// <summary>Notification id (UUID v7).</summary>
    public Guid Id { get; init; }

    /// <summary>Who it is for.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The order it concerns.</summary>
    public required string OrderId { get; init; }

    /// <summary>One of <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The text shown to the customer.</summary>
    public required string Message { get; init; }

    /// <summary>The event it was made from; unique, so no event notifies twice.</summary>
    public Guid EventId { get; init; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
