namespace Fault.Harness;

/// <summary>The seeded order of faults: every available kind once (shuffled), then kinds at random.</summary>
public static class FaultSchedule
{
    /// <summary>Kinds of <paramref name="count"/> faults for <paramref name="seed"/>, from <paramref name="available"/>.</summary>
    public static IReadOnlyList<FaultKind> Create(int seed, int count, IReadOnlyList<FaultKind> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        var random = new Random(seed);
        var first = available.ToArray();
        random.Shuffle(first);
        return first.Concat(Enumerable.Range(0, Math.Max(0, count - first.Length)).Select(_ => available[random.Next(available.Count)]))
            .Take(count).ToList();
    }
}
