namespace Platform.Dashboard.Internals;

/// <summary>Body of <c>POST /api/dead-letters/redrive</c>: one parked record.</summary>
/// <param name="Consumer">Consumer group whose <c>{group}.dlq</c> holds it.</param>
/// <param name="Partition">Its partition in the dead-letter topic.</param>
/// <param name="Offset">Its offset in the dead-letter topic.</param>
internal sealed record RedriveRequest(string? Consumer, int? Partition, long? Offset);

/// <summary>What a redrive did.</summary>
/// <param name="Consumer">Consumer group.</param>
/// <param name="Partition">Dead-letter partition.</param>
/// <param name="Offset">Dead-letter offset.</param>
/// <param name="ReplayId">The run's id: the <c>replay.id</c> header of the re-published record.</param>
/// <param name="Published">Records re-published to their original topic and acknowledged by Kafka.</param>
internal sealed record RedriveResult(string Consumer, int Partition, long Offset, string ReplayId, long Published);
