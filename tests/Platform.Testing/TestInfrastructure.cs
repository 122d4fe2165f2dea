using NUnit.Framework;

namespace Platform.Testing;

/// <summary>
/// This test run's choice of PostgreSQL and Kafka (<see cref="InfrastructureChoice"/>), made once
/// from <see cref="TestSettings"/> and <see cref="ContainerEngine.Answers"/>, and printed once.
/// </summary>
public static class TestInfrastructure
{
    private static readonly Lazy<InfrastructureChoice> Chosen =
        new(() => InfrastructureChoice.Make(TestSettings.Postgres, TestSettings.Kafka, ContainerEngine.Answers));

    private static int _announced;

    /// <summary>Where this run takes PostgreSQL and Kafka from.</summary>
    public static InfrastructureChoice Choice => Chosen.Value;

    /// <summary>The line printed about the choice; null until <see cref="Announce"/> ran.</summary>
    public static string? Announcement { get; private set; }

    /// <summary>Prints the choice to the test run's progress output, the first time only.</summary>
    public static void Announce()
    {
        if (Interlocked.Exchange(ref _announced, 1) == 0)
        {
            Announcement = Choice.Describe();
            TestContext.Progress.WriteLine(Announcement);
        }
    }
}
