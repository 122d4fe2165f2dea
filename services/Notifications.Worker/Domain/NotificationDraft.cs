namespace Notifications.Worker.Domain;

/// <summary>What to tell a customer about an event, before it is recorded.</summary>
/// <param name="CustomerId">Who to tell; null when the event does not say (the order's customer is then looked up).</param>
/// <param name="OrderId">The order it concerns.</param>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="Message">The text shown to the customer.</param>
public sealed record NotificationDraft(string? CustomerId, string OrderId, string Kind, string Message);
