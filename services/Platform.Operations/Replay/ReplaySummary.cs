namespace Platform.Operations.Replay;

/// <summary>The outcome of a replay run, per source topic.</summary>
/// <param name="ReplayId">The run's id (the <c>replay.id</c> header of what it published).</param>
/// <param name="Topics">Counts per source topic.</param>
/// <param name="Completed">False when it was stopped before the end of its ranges.</param>
public sealed record ReplaySummary(string ReplayId, IReadOnlyDictionary<string, ReplayTopicStats> Topics, bool Completed);
