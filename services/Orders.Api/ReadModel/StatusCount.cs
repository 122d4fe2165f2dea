namespace Orders.Api.ReadModel;

/// <summary>How many orders are in one status right now, as counted from events.</summary>
public sealed class StatusCount
{
    /// <summary>Placed, Confirmed or Cancelled.</summary>
    public required string Status { get; init; }

    /// <summary>Orders in that status.</summary>
    public long Count { get; set; }
}
