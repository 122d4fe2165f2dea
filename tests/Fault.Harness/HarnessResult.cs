using Bench.Reporting;

namespace Fault.Harness;

/// <summary>Everything one run measured.</summary>
public sealed record HarnessResult(HarnessOptions Options, IReadOnlyList<FaultRecord> Faults, LedgerResult Ledger, long HttpAttempts, long Refused, int ProcessExits, TimeSpan Duration)
{
    /// <summary>Faults not recovered from within the timeout, and kills recovered from slower than the budget.</summary>
    public IReadOnlyList<FaultRecord> SlowRecoveries => Faults.Where(f => f.Recovery is not { } r || (IsKill(f.Kind) && r > Options.RecoveryBudget)).ToList();

    /// <summary>True for the kinds that SIGKILL a process: the recovery budget is theirs.</summary>
    public static bool IsKill(FaultKind kind) => kind is not (FaultKind.PostgresImmediateRestart or FaultKind.KafkaUnreachable);

    /// <summary>Every invariant that failed, the ledger's and the recovery budget's.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = Ledger.Failures.ToList();
            if (SlowRecoveries.Count > 0)
            {
                failures.Add($"{SlowRecoveries.Count} faults recovered from after more than {Options.RecoveryBudget.TotalSeconds:0.#} s (kills) or not within {Options.RecoveryTimeout.TotalSeconds:0} s");
            }

            var unsettled = Faults.Count(f => f.Settled is null);
            if (unsettled > 0)
            {
                failures.Add($"{unsettled} faults after which the platform did not settle (orders terminal, groups caught up) within {Options.RecoveryTimeout.TotalSeconds:0} s");
            }

            if (Refused > 0)
            {
                failures.Add($"{Refused} orders refused by the API with a 4xx");
            }

            return failures;
        }
    }

    /// <summary>Recovery at the given percentile over the kills that recovered.</summary>
    public TimeSpan? RecoveryPercentile(double percentile)
    {
        var seconds = Faults.Where(f => f.Recovery is not null && IsKill(f.Kind)).Select(f => f.Recovery!.Value.TotalSeconds).Order().ToList();
        return seconds.Count == 0 ? null : TimeSpan.FromSeconds(Percentiles.Of(seconds, percentile / 100));
    }
}
