namespace Platform.Operations.Replay;

/// <summary>Headers a re-published record carries in addition to its original ones.</summary>
public static class ReplayHeaders
{
    /// <summary>Where the record was read: <c>topic/partition/offset</c>.</summary>
    public const string Source = "replay.source";

    /// <summary>The id of the replay run that re-published it (one per run).</summary>
    public const string Id = "replay.id";
}
