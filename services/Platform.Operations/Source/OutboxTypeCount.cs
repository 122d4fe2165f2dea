namespace Platform.Operations.Source;

/// <summary>How many selected outbox rows there are of one aggregate type and event type.</summary>
/// <param name="AggregateType">The row's <c>aggregatetype</c> (routes to <c>{aggregatetype}.events</c>).</param>
/// <param name="Type">The event type.</param>
/// <param name="Count">Rows selected.</param>
public sealed record OutboxTypeCount(string AggregateType, string Type, long Count);
