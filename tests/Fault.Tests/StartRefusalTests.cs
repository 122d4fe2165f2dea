using System.Diagnostics;
using Fault.Harness;

namespace Fault.Tests;

/// <summary>
/// The configuration part of the bad-input battery, as an operator meets it: each service run as
/// its own process (the built executable, as the harness runs it) with a missing setting, a value
/// of the wrong type or a value out of range exits at once with its documented code and says, on
/// stderr, which settings to fix, one per line, without a stack trace, an "Unhandled exception"
/// or the host's "Hosting failed to start" error. The settings point at addresses that do not
/// exist: a refusal happens before anything connects. Does not cover every setting of every
/// service (Services.Tests' and Orders.Tests' configuration batteries do, in process).
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class StartRefusalTests
{
    private static readonly Dictionary<string, (string Name, int ExitCode, Dictionary<string, string> Valid)> Services = new()
    {
        ["Orders.Api"] = ("Orders.Api", 1, new()
        {
            ["ConnectionStrings:Orders"] = "Host=unreachable.invalid;Database=orders",
            ["Kafka:BootstrapServers"] = "unreachable.invalid:9092",
            ["Auth:ApiKeys:ops"] = new string('a', 64),
        }),
        ["Payments.Worker"] = ("payments", 1, new()
        {
            ["ConnectionStrings:Payments"] = "Host=unreachable.invalid;Database=payments",
            ["Kafka:BootstrapServers"] = "unreachable.invalid:9092",
        }),
        ["Inventory.Worker"] = ("inventory", 1, new()
        {
            ["ConnectionStrings:Inventory"] = "Host=unreachable.invalid;Database=inventory",
            ["Kafka:BootstrapServers"] = "unreachable.invalid:9092",
        }),
        ["Notifications.Worker"] = ("notifications", 1, new()
        {
            ["ConnectionStrings:Notifications"] = "Host=unreachable.invalid;Database=notifications",
            ["Kafka:BootstrapServers"] = "unreachable.invalid:9092",
        }),
        ["Platform.Relay"] = ("relay", 2, new()
        {
            ["Relay:ConnectionString"] = "Host=unreachable.invalid;Database=orders",
            ["Relay:BootstrapServers"] = "unreachable.invalid:9092",
        }),
    };

    private static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string project, string key, string? value, params string[] expected) =>
            new TestCaseData(project, key, value, expected).SetName($"{project}: {key}={value ?? "(absent)"}");

        // Missing: read while the services are registered (workers) or validated at start (API, relay).
        yield return Case("Orders.Api", "ConnectionStrings:Orders", null, "ConnectionStrings:Orders is required");
        yield return Case("Payments.Worker", "ConnectionStrings:Payments", null, "ConnectionStrings:Payments is required");
        yield return Case("Platform.Relay", "Relay:BootstrapServers", null, "Relay:BootstrapServers is required");
        // The wrong type: the configuration binder's error, naming the path.
        yield return Case("Orders.Api", "Idempotency:KeyLifetime", "soon", "'soon' at 'Idempotency:KeyLifetime'");
        yield return Case("Payments.Worker", "Consumers:payments:MaxBatchSize", "lots", "'lots' at 'Consumers:payments:MaxBatchSize'");
        yield return Case("Platform.Relay", "Relay:PollingInterval", "often", "'often' at 'Relay:PollingInterval'");
        // A Kafka client property librdkafka does not know: refused before the database is asked.
        yield return Case("Platform.Relay", "Relay:Producer:no.such.property", "1", "Relay:Producer: ", "no.such.property");
        // Out of range: the consumer's settings named by their full path.
        yield return Case("Inventory.Worker", "Consumers:inventory:MaxAttempts", "0", "Consumers:inventory:MaxAttempts must be between 1 and 100");
        yield return Case("Notifications.Worker", "Inbox:DaysAhead", "0", "Inbox:DaysAhead must be between 1 and 60");
        yield return Case("Orders.Api", "Auth:ApiKeys:ops", null, "Auth: configure at least one API key");
        yield return Case("Orders.Api", "RateLimits:Default:TokensPerPeriod", "0", "RateLimits:Default:TokensPerPeriod must be between 1 and 1000000");
        // Misspelled: a key its section has no setting for, which the binder alone would ignore.
        yield return Case("Platform.Relay", "Relay:PollingIntervall", "00:00:01", "Relay:PollingIntervall is not a setting; Relay has ", "PollingInterval");
        yield return Case("Payments.Worker", "Payments:CreditLimt", "100", "Payments:CreditLimt is not a setting; Payments has CreditLimit, GroupId, OrderEventsTopic.");
        yield return Case("Inventory.Worker", "Consumers:inventory:MaxAttemps", "3", "Consumers:inventory:MaxAttemps is not a setting");
        yield return Case("Orders.Api", "Outbox:CleanupModes", "Retain", "Outbox:CleanupModes is not a setting");
        yield return Case("Orders.Api", "RateLimits:Clients:shop:TokenLimt", "5", "RateLimits:Clients:shop:TokenLimt is not a setting; RateLimits:Clients:shop has ReplenishmentPeriod, TokenLimit, TokensPerPeriod.");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task a_service_process_refuses_a_bad_setting_naming_it_without_a_stack_trace(string project, string key, string? value, string[] expected)
    {
        var (name, exitCode, valid) = Services[project];
        var settings = new Dictionary<string, string>(valid);
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        var (code, stdout, stderr) = await RunAsync(project, settings);

        var output = stdout + stderr;
        var shown = output.Length > 3_000 ? output[..3_000] + " ..." : output;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(exitCode), shown);
            Assert.That(stderr, Does.StartWith($"{name} refused to start, its configuration is invalid:"), shown);
            foreach (var text in expected)
            {
                Assert.That(stderr, Does.Contain(text), shown);
            }

            Assert.That(output, Does.Not.Contain("Unhandled exception").And.Not.Contain("Hosting failed to start").And.Not.Contain("   at "), shown);
        });
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string project, Dictionary<string, string> settings)
    {
        var dll = ServiceBuild.Dll(ServiceBuild.FindServicesDirectory(), project);
        // Its own folder, as deployed: its appsettings.json is read.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Were it to start, it would listen on a port of its own.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Platform.Local.FreePort.Next()}";
        return ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
    }
}
