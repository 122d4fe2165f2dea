using Platform.Operations.Conformance;

namespace Relay.Tests;

/// <summary>The record contract's cases (tests/conformance/outbox-router-cases.json), copied next to the test assembly.</summary>
internal static class ConformanceCases
{
    public static IReadOnlyList<ConformanceCase> Load() =>
        ConformanceCase.Load(Path.Combine(AppContext.BaseDirectory, "conformance", "outbox-router-cases.json"));
}
