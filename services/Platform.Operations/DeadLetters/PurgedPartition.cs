namespace Platform.Operations.DeadLetters;

/// <summary>One dead-letter partition after a purge: its low watermark before and after.</summary>
/// <param name="Partition">Partition of <c>{consumer}.dlq</c>.</param>
/// <param name="OldLowWatermark">First offset the partition held before the purge.</param>
/// <param name="NewLowWatermark">First offset it holds now (equal to the old one when nothing was below the requested offset).</param>
public sealed record PurgedPartition(int Partition, long OldLowWatermark, long NewLowWatermark);
