namespace Platform.Dashboard.Internals;

/// <summary>What <c>GET /api/snapshot</c> answers: every figure of the page at one instant.</summary>
/// <param name="At">When it was sampled.</param>
/// <param name="Orders">Orders by status from the Orders API's <c>/stats</c> (read model); null when not configured or unreachable.</param>
/// <param name="Topics">End offset (sum over partitions) and records/s of each event topic.</param>
/// <param name="Slots">Replication slots and their lag.</param>
/// <param name="Consumers">Lag of each consumer group per partition it has committed on.</param>
/// <param name="DeadLetters">Parked records: totals per consumer and the newest ones.</param>
/// <param name="Errors">Sources that could not be read this time, each with the reason.</param>
internal sealed record DashboardSnapshot(
    DateTimeOffset At,
    IReadOnlyDictionary<string, long>? Orders,
    IReadOnlyList<TopicFigures> Topics,
    IReadOnlyList<SlotFigures> Slots,
    IReadOnlyList<ConsumerLag> Consumers,
    DeadLetterFigures DeadLetters,
    IReadOnlyList<string> Errors);

/// <summary>One event topic.</summary>
/// <param name="Topic">Topic name.</param>
/// <param name="EndOffset">Sum of the partitions' high watermarks: records ever written.</param>
/// <param name="RatePerSecond">Growth of <paramref name="EndOffset"/> per second since the previous sample; null on the first.</param>
internal sealed record TopicFigures(string Topic, long EndOffset, double? RatePerSecond);

/// <summary>One replication slot (as <c>platform relay slot</c> shows it).</summary>
/// <param name="Slot">Slot name.</param>
/// <param name="Database">Its database.</param>
/// <param name="Active">A relay streams from it now.</param>
/// <param name="LagBytes">WAL not confirmed yet: current WAL position minus confirmed_flush_lsn.</param>
/// <param name="RetainedBytes">WAL kept: current WAL position minus restart_lsn.</param>
/// <param name="WalStatus"><c>reserved</c>, <c>extended</c>, <c>unreserved</c> or <c>lost</c>.</param>
internal sealed record SlotFigures(string Slot, string? Database, bool Active, long? LagBytes, long? RetainedBytes, string? WalStatus);

/// <summary>A consumer group's position on one partition.</summary>
/// <param name="Group">Consumer group id.</param>
/// <param name="Topic">Topic.</param>
/// <param name="Partition">Partition.</param>
/// <param name="Committed">Committed offset: the next record the group will process.</param>
/// <param name="EndOffset">High watermark.</param>
/// <param name="Lag">Records not processed yet: end offset minus committed offset.</param>
internal sealed record ConsumerLag(string Group, string Topic, int Partition, long Committed, long EndOffset, long Lag);

/// <summary>Dead letters of every consumer.</summary>
/// <param name="Total">Records held by all dead-letter topics.</param>
/// <param name="ByConsumer">Records held per consumer's <c>{group}.dlq</c>.</param>
/// <param name="Latest">The newest parked records, newest first.</param>
internal sealed record DeadLetterFigures(long Total, IReadOnlyDictionary<string, long> ByConsumer, IReadOnlyList<DeadLetterEntry> Latest);

/// <summary>One parked record, as <c>platform dlq list</c> shows it.</summary>
/// <param name="Consumer">Consumer group that parked it.</param>
/// <param name="Partition">Partition of the dead-letter topic.</param>
/// <param name="Offset">Offset in the dead-letter topic.</param>
/// <param name="Original">Where it came from: <c>topic/partition/offset</c>.</param>
/// <param name="EventType">Its <c>eventType</c> header.</param>
/// <param name="EventId">Its <c>id</c> header.</param>
/// <param name="Reason">Why it was parked.</param>
/// <param name="ParkedAt">When it was parked (ISO 8601).</param>
internal sealed record DeadLetterEntry(string Consumer, int Partition, long Offset, string Original, string? EventType, string? EventId, string? Reason, string? ParkedAt);
