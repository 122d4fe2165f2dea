using Payments.Worker.Gateway;

namespace Services.Tests.Payments;

/// <summary>The simulated gateway's rule, without I/O: authorize up to the limit inclusive, decline above it with a reason.</summary>
public class CreditLimitGatewayTests
{
    private readonly CreditLimitGateway _gateway = new(100m);

    [TestCase(0, 100)]
    [TestCase(40, 60)]
    [TestCase(99.99, 0)]
    public void a_payment_that_keeps_the_outstanding_amount_within_the_limit_is_authorized(decimal outstanding, decimal amount) =>
        Assert.That(_gateway.Decide(outstanding, amount, "EUR"), Is.EqualTo(GatewayDecision.Authorized));

    [Test]
    public void a_payment_that_takes_the_outstanding_amount_over_the_limit_is_declined_with_the_figures()
    {
        var decision = _gateway.Decide(60m, 40.01m, "EUR");

        Assert.That(decision.IsAuthorized, Is.False);
        Assert.That(decision.DeclineReason, Is.EqualTo("credit limit exceeded: 60.00 EUR outstanding + 40.01 EUR > limit 100.00 EUR"));
    }
}
