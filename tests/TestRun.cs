using NUnit.Framework;
using Platform.Testing;

/// <summary>Covers the whole test assembly: stops what the run started once every test is done.</summary>
[SetUpFixture]
#pragma warning disable CA1050 // Outside any namespace on purpose: NUnit then applies it to the whole assembly.
public sealed class TestRun : PlatformTestRun;
#pragma warning restore CA1050
