using Platform.Messaging.Consuming;
using Platform.Operations;

namespace Platform.Operations.Replay;

/// <summary>
/// Replay into a named consumer's pipeline: the throwaway reader of <see cref="ReplayRunner"/>
/// (assigns, never commits, so the live group's offsets stay where they are) feeding a
/// <see cref="ConsumerReplaySink"/>, within the consumer's replay horizon.
/// </summary>
public static class ConsumerReplay
{
    /// <summary>
    /// Delivers the records selected by <paramref name="request"/> into <paramref name="pipeline"/>.
    /// Unless <paramref name="force"/>, records older than now minus the consumer's inbox retention
    /// are refused before anything is delivered (<see cref="ReplayExitCode.BeyondInboxRetention"/>).
    /// </summary>
    public static async Task<ReplaySummary> RunAsync(
        string bootstrapServers, ReplayRequest request, IEventPipeline pipeline, bool force, TimeProvider clock,
        IProgress<ReplayProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(clock);
        var horizon = Horizon(pipeline, force, clock);
        var replayId = Guid.CreateVersion7().ToString();
        using var sink = request.DryRun ? null : ConsumerReplaySink.ForReplay(pipeline, force, horizon);
        return await ReplayRunner.RunAsync(bootstrapServers, request with { NotBefore = horizon }, sink, replayId, progress, cancellationToken);
    }

    /// <summary>The oldest record time <paramref name="pipeline"/>'s inbox still remembers; null when forced.</summary>
    public static DateTimeOffset? Horizon(IEventPipeline pipeline, bool force, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(clock);
        return force ? null : clock.GetUtcNow() - pipeline.InboxRetention;
    }
}
