using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payments.Worker;

namespace Services.Tests.Payments;

/// <summary>
/// A bad Payments setting stops the host at start with a message naming it, before anything
/// connects. Covers the CreditLimit rule and its binding; does not cover the consumer's own
/// settings (Platform.Messaging's tests do).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PaymentsSettingsTests
{
    [TestCase("0")]
    [TestCase("-5")]
    public void a_credit_limit_that_is_not_a_positive_amount_stops_the_host_naming_the_setting(string limit)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(limit).Dispose());
        Assert.That(error!.Message, Does.Contain("Payments:CreditLimit"));
    }

    [Test]
    public void a_credit_limit_that_is_not_a_number_stops_the_service_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build("lots").Dispose());
        Assert.That(error!.Message, Does.Contain("Payments:CreditLimit"));
    }

    private static IHost Build(string creditLimit)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Payments"] = "Host=unreachable.invalid;Database=payments",
            ["Kafka:BootstrapServers"] = "unreachable.invalid:9092",
            ["Payments:CreditLimit"] = creditLimit,
        });
        builder.Services.AddPaymentsService(builder.Configuration);
        return builder.Build();
    }
}
