namespace Fault.Harness;

/// <summary>One injected fault and how the platform came back from it.</summary>
/// <param name="Kind">What was done.</param>
/// <param name="Target">The process (or PostgreSQL, Kafka) it was done to.</param>
/// <param name="At">When it was injected (UTC).</param>
/// <param name="Ready">From the fault until the processes hit answered <c>/health/ready</c> (process start included); null when they did not within the timeout.</param>
/// <param name="Recovery">From the fault (for Kafka: from the brokers coming back) until the target is ready and the pipeline progresses; null when it did not within the timeout.</param>
/// <param name="Note">What else is worth knowing (e.g. how much of the probe transaction was in Kafka at the kill).</param>
public sealed record FaultRecord(FaultKind Kind, string Target, DateTime At, TimeSpan? Ready, TimeSpan? Recovery, string Note)
{
    /// <summary>
    /// From the fault until the platform had absorbed it (see <see cref="RecoveryProbe.SettleAsync"/>):
    /// every order accepted before its recovery terminal, every consumer group caught up with what
    /// Kafka held then; null when that did not happen within the timeout. The next fault comes after.
    /// </summary>
    public TimeSpan? Settled { get; init; }
}
