using System.Text;
using Google.Protobuf;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Services.Tests.Driving;

namespace Services.Tests;

/// <summary>
/// What a broken or hostile producer can put on a topic, fed to the real Payments and Inventory
/// consumers: garbage bytes, a truncated payload, a missing or malformed id header, a payload of
/// another event type, an event whose content breaks the contract. Each is parked in the
/// consumer's dead-letter topic with its reason, nothing is applied for it, and a valid order
/// behind it is still decided. An unknown event type is skipped and counted instead (forward
/// compatibility: a newer producer's events must not be parked by an older consumer).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class KafkaBadInputBatteryTests
{
    [TestCase("payments")]
    [TestCase("inventory")]
    public async Task every_malformed_record_is_parked_with_its_reason_and_the_next_order_is_still_decided(string consumer)
    {
        var service = consumer == "payments" ? ServiceUnderTest.Payments : ServiceUnderTest.Inventory;
        await using var world = await ServiceWorld.StartAsync(service, "kafka-battery-" + service.ConsumerName);
        var valid = OrderEvents.Placed(Guid.CreateVersion7(), "alice", 10m, "EUR", ("SKU-1", 1));
        var bytes = valid.ToByteArray();
        var otherType = new Platform.Contracts.Payments.V1.PaymentAuthorized { OrderId = valid.OrderId, CustomerId = "alice", Amount = valid.Total, Currency = "EUR" };
        var withoutCustomer = OrderEvents.Placed(Guid.CreateVersion7(), "", 10m, "EUR", ("SKU-1", 1));
        var cases = new (string Name, byte[] Value, Dictionary<string, string> Headers, string Reason)[]
        {
            ("garbage", [0xFF, 0x00, 0xFE, 0x13, 0x37], Headers(OrderEventTypes.OrderPlaced), "not a valid OrderPlaced"),
            ("truncated", bytes[..(bytes.Length / 2)], Headers(OrderEventTypes.OrderPlaced), "not a valid OrderPlaced"),
            ("no id header", bytes, new() { [OutboxHeaders.EventType] = OrderEventTypes.OrderPlaced }, "missing 'id' header"),
            ("malformed id header", bytes, Headers(OrderEventTypes.OrderPlaced, id: "not-a-uuid"), "id"),
            // Protobuf reads it as an OrderPlaced whose fields make no sense; the content checks refuse it.
            ("another type's payload", otherType.ToByteArray(), Headers(OrderEventTypes.OrderPlaced), "OrderPlaced " + valid.OrderId),
            ("an empty payload", [], Headers(OrderEventTypes.OrderPlaced), "order_id"),
            ("content breaking the contract", withoutCustomer.ToByteArray(), Headers(OrderEventTypes.OrderPlaced), "customer_id"),
        };

        foreach (var c in cases)
        {
            await world.ProduceRawAsync(world.OrderTopic, "order-bad", c.Value, c.Headers);
        }

        await world.ProduceRawAsync(world.OrderTopic, "order-new", bytes, Headers("OrderTeleported"));
        await world.PlaceAsync(valid);
        await world.WaitUntilHandledAsync();

        var parked = TestKafka.ReadFromStart(world.DeadLetterTopic, cases.Length);
        var reasons = parked.Select(p => Encoding.UTF8.GetString(p.Message.Headers.GetLastBytes(DeadLetterHeaders.Reason))).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(parked, Has.Count.EqualTo(cases.Length), string.Join("\n", reasons));
            foreach (var (c, reason) in cases.Zip(reasons))
            {
                Assert.That(reason, Does.Contain(c.Reason).IgnoreCase, c.Name);
            }

            Assert.That(parked.Select(p => p.Message.Value), Is.EqualTo(cases.Select(c => c.Value)), "original values kept, in order");
            Assert.That(world.Counters.Unknown, Is.EqualTo(1), "the unknown type is skipped and counted, not parked");
            Assert.That(world.Counters.Processed, Is.EqualTo(1), "only the valid order is applied");
            var decided = await world.OutboxAsync();
            Assert.That(decided.Select(r => r.AggregateId).Distinct(), Is.EqualTo(new[] { valid.OrderId }), "the valid order is decided, nothing else");
        });
    }

    private static Dictionary<string, string> Headers(string eventType, string? id = null) => new()
    {
        [OutboxHeaders.EventId] = id ?? Guid.CreateVersion7().ToString(),
        [OutboxHeaders.EventType] = eventType,
        [OutboxHeaders.Sequence] = "1",
    };
}
