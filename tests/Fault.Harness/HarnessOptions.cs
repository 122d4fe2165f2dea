using System.Globalization;

namespace Fault.Harness;

/// <summary>What one harness run does; every random choice follows <see cref="Seed"/>.</summary>
public sealed record HarnessOptions
{
    /// <summary>Seed of the fault schedule, the fault kinds and the load's order contents.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Faults to inject; the first ones cover every kind once, in a seeded order.</summary>
    public int Faults { get; init; } = 20;

    /// <summary>Orders placed per second while faults run.</summary>
    public double OrdersPerSecond { get; init; } = 15;

    /// <summary>Seeded pause between one fault's recovery and the next fault: lower bound.</summary>
    public TimeSpan MinPause { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Seeded pause between one fault's recovery and the next fault: upper bound.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Recovery after a process kill above this is flagged (and fails the run); PostgreSQL and Kafka outages are measured, not budgeted.</summary>
    public TimeSpan RecoveryBudget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for one recovery before recording it as failed and moving on.</summary>
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Outbox rows of the probe transaction the Orders relay is killed in the middle of.</summary>
    public int ProbeTransactionRows { get; init; } = 50_000;

    /// <summary>Folder for the processes' logs and the report; a new temp folder when null.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>JSON report file; none when null.</summary>
    public string? ReportFile { get; init; }

    /// <summary>Folder holding the services' build output (<c>services</c> of the repository); found from the harness's own location when null.</summary>
    public string? ServicesDirectory { get; init; }

    /// <summary>Parses <c>--seed N --faults N --orders-per-second R --report FILE --output DIR --services DIR --recovery-budget S</c>.</summary>
    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new HarnessOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--faults" => options with { Faults = int.Parse(value, CultureInfo.InvariantCulture) },
                "--orders-per-second" => options with { OrdersPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--report" => options with { ReportFile = value },
                "--output" => options with { OutputDirectory = value },
                "--services" => options with { ServicesDirectory = value },
                "--recovery-budget" => options with { RecoveryBudget = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--probe-rows" => options with { ProbeTransactionRows = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {name}. Options: --seed N --faults N --orders-per-second R --report FILE --output DIR --services DIR --recovery-budget SECONDS --probe-rows N"),
            };
        }

        if (options.Faults < 0 || options.OrdersPerSecond <= 0 || options.ProbeTransactionRows < 1)
        {
            throw new ArgumentException("--faults must be >= 0, --orders-per-second > 0, --probe-rows >= 1.");
        }

        return options;
    }
}
