namespace Bench.Suite;

/// <summary>One benchmark program run with fixed arguments.</summary>
/// <param name="Name">Short name, e.g. <c>relay</c>.</param>
/// <param name="Project">Project folder under <c>tests/</c> (also the assembly name).</param>
/// <param name="Arguments">Its arguments, without <c>--report</c> (the suite adds it).</param>
/// <param name="Timeout">Longest it may take; it is stopped and reported as timed out after that.</param>
public sealed record SuiteStep(string Name, string Project, IReadOnlyList<string> Arguments, TimeSpan Timeout);
