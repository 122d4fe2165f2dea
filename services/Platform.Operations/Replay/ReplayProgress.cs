namespace Platform.Operations.Replay;

/// <summary>How far a run is: records read of the planned total.</summary>
/// <param name="Read">Records read so far.</param>
/// <param name="Total">Records in the planned ranges.</param>
public readonly record struct ReplayProgress(long Read, long Total);
