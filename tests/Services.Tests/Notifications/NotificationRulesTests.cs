using Notifications.Worker.Domain;
using Platform.Contracts;
using Platform.Contracts.Payments.V1;
using Platform.Contracts.Orders.V1;

namespace Services.Tests.Notifications;

/// <summary>What each event tells the customer, without I/O: the facts the customer needs (amount, reason) are in the text.</summary>
public class NotificationRulesTests
{
    [Test]
    public void an_order_received_notice_names_the_order_and_its_total()
    {
        var draft = NotificationRules.For(new OrderPlaced { OrderId = "o-1", CustomerId = "alice", Currency = "EUR", Total = 12.5m.ToMoney() });

        Assert.That(draft, Is.EqualTo(new NotificationDraft("alice", "o-1", NotificationKinds.OrderReceived,
            "We received your order o-1 for 12.50 EUR. We will confirm it shortly.")));
    }

    [Test]
    public void a_cancellation_notice_gives_the_reason_and_leaves_the_customer_to_be_looked_up()
    {
        var draft = NotificationRules.For(new OrderCancelled { OrderId = "o-1", Reason = "out of stock", CancelledBy = "inventory" });

        Assert.That(draft.CustomerId, Is.Null);
        Assert.That(draft.Message, Is.EqualTo("Your order o-1 was cancelled: out of stock"));
    }

    [Test]
    public void a_declined_payment_notice_gives_the_amount_and_the_reason()
    {
        var draft = NotificationRules.For(new PaymentDeclined
        {
            OrderId = "o-1", CustomerId = "bob", Amount = 99.9m.ToMoney(), Currency = "USD", Reason = "credit limit exceeded",
        });

        Assert.That(draft.Message, Is.EqualTo("Your payment of 99.90 USD for order o-1 was declined: credit limit exceeded"));
    }
}
