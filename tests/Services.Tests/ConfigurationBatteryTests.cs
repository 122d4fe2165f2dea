using Inventory.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Notifications.Worker;
using Payments.Worker;

namespace Services.Tests;

/// <summary>
/// Every worker refuses to start on each missing or invalid setting, with a message naming the
/// setting, before it connects to anything (the addresses are unreachable on purpose). A setting
/// may be refused while the host is built (a value that cannot be bound) or when it starts
/// (a value out of range); either way the service never runs with it.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ConfigurationBatteryTests
{
    private static readonly Dictionary<string, Action<IServiceCollection, IConfiguration>> Services = new()
    {
        ["Payments"] = (s, c) => s.AddPaymentsService(c),
        ["Inventory"] = (s, c) => s.AddInventoryService(c),
        ["Notifications"] = (s, c) => s.AddNotificationsService(c),
    };

    private static IEnumerable<TestCaseData> BadSettings()
    {
        foreach (var service in Services.Keys)
        {
            var consumer = service.ToLowerInvariant();
            TestCaseData Case(string key, string? value, string expected) =>
                new TestCaseData(service, key, value, expected).SetName($"{service}: {key}={value ?? "(absent)"}");

            yield return Case($"ConnectionStrings:{service}", null, $"ConnectionStrings:{service} is required");
            yield return Case("Kafka:BootstrapServers", null, "Kafka:BootstrapServers is required");
            yield return Case("Inbox:Retention", "00:01:00", "Inbox:Retention must be between 1 and 3650 days");
            yield return Case("Inbox:DaysAhead", "0", "Inbox:DaysAhead must be between 1 and 60");
            yield return Case("Outbox:CleanupMode", "Sometimes", "Outbox:CleanupMode");
            yield return Case($"{service}:GroupId", "", $"{service}:GroupId is required");
            yield return Case($"{service}:GroupId", "has spaces", $"{service}:GroupId must be 1-128 characters");
            yield return Case($"{service}:OrderEventsTopic", "", $"{service}:OrderEventsTopic is required");
            yield return Case($"Consumers:{consumer}:MaxAttempts", "0", "MaxAttempts must be between 1 and 100");
            yield return Case($"Consumers:{consumer}:SessionTimeoutMs", "5", "SessionTimeoutMs must be between 1000 and 300000");
            yield return Case($"Consumers:{consumer}:MaxBatchSize", "lots", $"Consumers:{consumer}:MaxBatchSize");
            yield return Case($"Consumers:{consumer}:MaxConcurrentTransactions", "0", "MaxConcurrentTransactions must be between 1 and 1000");
            yield return Case("Kafka:Properties:enable.auto.commit", "false", "Kafka:Properties:enable.auto.commit is set by the consumer host");
            yield return Case("Kafka:Properties:no.such.property", "1", "Kafka:Properties: ");
        }

        yield return new TestCaseData("Payments", "Payments:CreditLimit", "-1", "Payments:CreditLimit").SetName("Payments: Payments:CreditLimit=-1");
        yield return new TestCaseData("Inventory", "Inventory:SeedStock:SKU-1", "-3", "Inventory:SeedStock").SetName("Inventory: Inventory:SeedStock:SKU-1=-3");
        yield return new TestCaseData("Notifications", "Notifications:PaymentEventsTopic", "", "Notifications:PaymentEventsTopic is required").SetName("Notifications: Notifications:PaymentEventsTopic=");
    }

    [TestCaseSource(nameof(BadSettings))]
    public void a_missing_or_bad_setting_refuses_start_naming_it(string service, string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{service}"] = "Host=unreachable.invalid;Database=" + service.ToLowerInvariant(),
            ["Kafka:BootstrapServers"] = "unreachable.invalid:9092",
            [key] = value,
        };
        if (value is null)
        {
            settings.Remove(key);
        }

        var error = Assert.Catch(() =>
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(settings);
            Services[service](builder.Services, builder.Configuration);
            using var host = builder.Build();
            host.StartAsync().GetAwaiter().GetResult();
        });

        Assert.That(Flatten(error!), Does.Contain(expected));
    }

    private static string Flatten(Exception error) => error is AggregateException many
        ? string.Join("\n", many.InnerExceptions.Select(Flatten))
        : error.Message + (error.InnerException is null ? "" : "\n" + Flatten(error.InnerException));
}
