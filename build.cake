// Build script: ./build.sh <target>. Targets are listed by ./build.sh help.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./Platform.sln";
var testResults = MakeAbsolute(Directory("./artifacts/test-results"));

Task("Clean")
    .Description("Deletes build output and test results.")
    .Does(() =>
{
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration });
    CleanDirectory("./artifacts");
});

Task("Restore")
    .Description("Installs PostgreSQL where missing (as root), then restores packages (the native Kafka client comes with them).")
    .Does(() =>
{
    var exit = StartProcess("bash", new ProcessSettings { Arguments = "infra/local/prerequisites.sh" });
    if (exit != 0)
    {
        throw new CakeException($"infra/local/prerequisites.sh failed with exit code {exit}.");
    }

    DotNetRestore(solution);
});

Task("Build")
    .Description("Builds the solution (warnings are errors).")
    .IsDependentOn("Restore")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true });
});

Task("Test")
    .Description("Runs every test project against real PostgreSQL and a Kafka-protocol cluster; writes TRX files to artifacts/test-results.")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(testResults);
    DotNetTest(solution, new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        ResultsDirectory = testResults,
        Loggers = new[] { "trx", "console;verbosity=normal" },
    });
});

Task("Run")
    .Description("Runs the platform on embedded defaults: local PostgreSQL, mock Kafka cluster, embedded relay. Ctrl-C stops it.")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetRun("./services/Platform.AppHost/Platform.AppHost.csproj", new ProcessArgumentBuilder(),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true, NoRestore = true });
});

Task("Bench")
    .Description("Measures the platform against this machine's limits (pgbench baseline, API closed and open loop, relay CDC and polling, consumers per service, end to end, replay, BenchmarkDotNet hot paths): one table, plus results.json, results.md and report.html in artifacts/bench/<time>/ and artifacts/bench/latest/. --quick=true: small counts; --only=relay,api: some steps.")
    .IsDependentOn("Build")
    .Does(() =>
{
    // Figures, not pass/fail: a slow machine reports, it does not fail (the suite exits 0).
    // wrk drives the API's closed loops (native, as pgbench is); where it is missing and this is
    // root on Debian, install it; otherwise the api step says it used its managed client instead.
    if (!FileExists("/usr/bin/wrk") && FileExists("/usr/bin/apt-get") && StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out var uid) == 0 && uid.FirstOrDefault() == "0")
    {
        Information("Installing wrk (the API benchmark's load generator)");
        StartProcess("bash", new ProcessSettings { Arguments = "-c \"apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)\"" });
    }

    var arguments = new ProcessArgumentBuilder();
    if (Argument("quick", false))
    {
        arguments.Append("--quick");
    }

    var only = Argument("only", "");
    if (only.Length > 0)
    {
        arguments.Append("--only").AppendQuoted(only);
    }

    DotNetExecute($"./tests/Bench.Suite/bin/{configuration}/net10.0/Bench.Suite.dll", arguments);
});

// The processes a deployment runs, each published as it would be shipped (infra/docker/Dockerfile does the same).
var servicesToPublish = new[] { "Orders.Api", "Payments.Worker", "Inventory.Worker", "Notifications.Worker", "Platform.Relay" };
var publishDirectory = "./artifacts/publish";

Task("Publish")
    .Description("Publishes the service processes (Orders API, workers, relay) for linux-x64, self-contained with composite ReadyToRun (the runtime, ASP.NET Core, the libraries and the service precompiled as one: a restarted process needs less CPU to be ready), to artifacts/publish/<project>/. About two minutes per service.")
    .IsDependentOn("Build")
    .Does(() =>
{
    // Composite: one version bubble for the framework and the service, so the framework's
    // generic code instantiated over the service's types (async state machines, collections of
    // its records) is precompiled too instead of JIT-compiled at every start. Self-contained
    // because the composite image holds the runtime's own assemblies.
    foreach (var project in servicesToPublish)
    {
        DotNetPublish($"./services/{project}/{project}.csproj", new DotNetPublishSettings
        {
            Configuration = configuration,
            Runtime = "linux-x64",
            SelfContained = true,
            OutputDirectory = $"{publishDirectory}/{project}",
            MSBuildSettings = new DotNetMSBuildSettings().WithProperty("PublishReadyToRun", "true").WithProperty("PublishReadyToRunComposite", "true"),
        });
    }
});

Task("Faults")
    .Description("Runs the fault-injection harness on the published services: the platform as separate processes, 200 seeded faults under order load, then the ledger check (--faults=N, --seed=N to change). Exit code 1 when an invariant fails.")
    .IsDependentOn("Publish")
    .Does(() =>
{
    var faults = Argument("faults", 200);
    var seed = Argument("seed", 7);
    DotNetExecute($"./tests/Fault.Harness/bin/{configuration}/net10.0/Fault.Harness.dll",
        $"--seed {seed} --faults {faults} --services {publishDirectory} --report artifacts/faults-report.json");
});

Task("Help")
    .Description("Lists the targets.")
    .Does(() => ListTargets());

void ListTargets()
{
    Information("Targets (./build.sh <target>):");
    foreach (var task in Tasks.OrderBy(t => t.Name))
    {
        Information("  {0,-8} {1}", task.Name.ToLowerInvariant(), task.Description);
    }
}

if (!Tasks.Any(t => string.Equals(t.Name, target, StringComparison.OrdinalIgnoreCase)))
{
    Error("Unknown target '{0}'.", target);
    ListTargets();
    System.Environment.Exit(2);
}

RunTarget(target);
