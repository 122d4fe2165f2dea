using System.Text;
using Confluent.Kafka;
using Npgsql;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Messaging.Consuming;

namespace Messaging.Tests;

/// <summary>
/// The consumer host applies each event's effect once, in per-aggregate order, retries
/// transient failures in place, parks what cannot be applied in the dead-letter topic and moves
/// on, and commits offsets only after effects are durable. Covers the host with a minimal
/// ledger service; the real services' handlers are covered by their own tests.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ConsumerHostTests
{
    [TestCase(1, TestName = "a_redelivered_event_applies_its_effect_once")]
    [TestCase(32, TestName = "a_redelivered_event_applies_its_effect_once_even_inside_one_batch")]
    public async Task a_redelivered_event_applies_its_effect_once(int maxBatchSize)
    {
        await using var scenario = await ConsumerScenario.CreateAsync("redelivery");
        scenario.MaxBatchSize = maxBatchSize;
        var eventId = Guid.CreateVersion7();
        await scenario.ProduceOrderPlacedAsync("order-1", eventId, 1);
        await scenario.ProduceOrderPlacedAsync("order-1", eventId, 1);
        await scenario.ProduceOrderPlacedAsync("order-1", Guid.CreateVersion7(), 2);

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(2, "both distinct events to be applied");
        await scenario.ProduceOrderPlacedAsync("order-1", eventId, 1);
        await scenario.ProduceOrderPlacedAsync("order-1", Guid.CreateVersion7(), 3);
        await scenario.WaitForLedgerAsync(3, "the event after the late redelivery to be applied");

        var ledger = await scenario.LedgerAsync();
        Assert.That(ledger.Count(e => e.EventId == eventId), Is.EqualTo(1));
        Assert.That(ledger.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3 }));
    }

    [Test]
    public async Task a_consumer_started_before_its_topic_exists_consumes_once_the_topic_appears()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("late-topic");

        await scenario.StartAsync();
        await scenario.ProduceOrderPlacedAsync("order-1", Guid.CreateVersion7(), 1);
        await scenario.WaitForLedgerAsync(1, "the first event on a topic created after the consumer started");

        Assert.That(await scenario.LedgerAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task a_transient_failure_is_retried_in_place_and_applied_once()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("transient");
        var failures = 0;
        scenario.BeforeApply = _ =>
        {
            if (Interlocked.Increment(ref failures) <= 2)
            {
                throw new TimeoutException("database timeout (simulated)");
            }
        };
        await scenario.ProduceOrderPlacedAsync("order-1", Guid.CreateVersion7(), 1);

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(1, "the event to be applied after two failures");

        Assert.That(await scenario.LedgerAsync(), Has.Count.EqualTo(1));
        Assert.That(failures, Is.EqualTo(3));
    }

    [TestCase(1, TestName = "a_record_without_an_id_header_is_parked_with_its_reason_and_the_consumer_moves_on")]
    [TestCase(32, TestName = "a_poison_record_inside_a_batch_is_parked_and_the_rest_of_the_batch_applied")]
    public async Task a_record_without_an_id_header_is_parked_with_its_reason_and_the_consumer_moves_on(int maxBatchSize)
    {
        await using var scenario = await ConsumerScenario.CreateAsync("poison-id");
        scenario.MaxBatchSize = maxBatchSize;
        await scenario.ProduceAsync("order-1", [1, 2, 3], new Dictionary<string, string> { [OutboxHeaders.EventType] = OrderEventTypes.OrderPlaced });
        await scenario.ProduceOrderPlacedAsync("order-2", Guid.CreateVersion7(), 1);

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(1, "the record after the poison one to be applied");

        var parked = scenario.ReadDeadLetters(1).Single();
        Assert.Multiple(() =>
        {
            Assert.That(Header(parked, DeadLetterHeaders.Reason), Does.Contain("missing 'id' header"));
            Assert.That(Header(parked, DeadLetterHeaders.OriginalTopic), Is.EqualTo(scenario.Topic));
            Assert.That(Header(parked, DeadLetterHeaders.Consumer), Is.EqualTo(scenario.Group));
            Assert.That(Encoding.UTF8.GetString(parked.Message.Key!), Is.EqualTo("order-1"));
            Assert.That(parked.Message.Value, Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(Header(parked, OutboxHeaders.EventType), Is.EqualTo(OrderEventTypes.OrderPlaced));
        });
    }

    [Test]
    public async Task an_undecodable_payload_is_parked_without_retries()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("poison-payload");
        await scenario.ProduceAsync("order-1", [0xFF, 0xFF, 0xFF, 0xFF], new Dictionary<string, string>
        {
            [OutboxHeaders.EventId] = Guid.CreateVersion7().ToString(),
            [OutboxHeaders.EventType] = OrderEventTypes.OrderPlaced,
        });
        await scenario.ProduceOrderPlacedAsync("order-2", Guid.CreateVersion7(), 1);

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(1, "the record after the undecodable one to be applied");

        var parked = scenario.ReadDeadLetters(1).Single();
        Assert.That(Header(parked, DeadLetterHeaders.Reason), Does.Contain("not a valid OrderPlaced"));
        Assert.That(Header(parked, DeadLetterHeaders.Attempts), Is.EqualTo("1"));
        Assert.That(Header(parked, DeadLetterHeaders.ExceptionType), Is.EqualTo(typeof(InvalidEventException).FullName));
    }

    [Test]
    public async Task a_handler_that_keeps_failing_is_parked_after_its_attempts_and_nothing_is_applied()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("keeps-failing");
        scenario.MaxAttempts = 3;
        scenario.BeforeApply = consumed =>
        {
            if (consumed.AggregateId == "order-bad")
            {
                throw new InvalidOperationException("bug in handler (simulated)");
            }
        };
        await scenario.ProduceOrderPlacedAsync("order-bad", Guid.CreateVersion7(), 1);
        await scenario.ProduceOrderPlacedAsync("order-good", Guid.CreateVersion7(), 1);

        await scenario.StartAsync();
        var parked = scenario.ReadDeadLetters(1).Single();
        await scenario.WaitForLedgerAsync(1, "the good record to be applied");

        Assert.That(Header(parked, DeadLetterHeaders.Attempts), Is.EqualTo("3"));
        Assert.That(Header(parked, DeadLetterHeaders.Reason), Does.Contain("bug in handler"));
        Assert.That((await scenario.LedgerAsync()).Select(e => e.Aggregate), Is.EqualTo(new[] { "order-good" }));
    }

    /// <summary>
    /// Found by the fault-injection harness: during a PostgreSQL restart (57P03, "not yet
    /// accepting connections") valid events were parked after MaxAttempts. A database outage
    /// longer than the attempts must be waited out and the event applied, never parked.
    /// </summary>
    [Test]
    public async Task a_database_outage_longer_than_the_attempts_is_waited_out_and_the_event_applied()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("db-outage");
        scenario.MaxAttempts = 2;
        var failures = 0;
        scenario.BeforeApply = _ =>
        {
            if (Interlocked.Increment(ref failures) <= 5)
            {
                throw new NpgsqlException("the database system is not yet accepting connections (simulated)", new IOException("connection refused"));
            }
        };
        await scenario.ProduceOrderPlacedAsync("order-1", Guid.CreateVersion7(), 1);

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(1, "the event to be applied once the database is back");

        Assert.That(failures, Is.EqualTo(6), "five failed attempts, then the one that applied it");
        Assert.That((await scenario.LedgerAsync()).Select(e => e.Aggregate), Is.EqualTo(new[] { "order-1" }));
    }

    [Test]
    public async Task no_more_transactions_than_MaxConcurrentTransactions_run_at_once_across_partitions()
    {
        const int Records = 12;
        await using var scenario = await ConsumerScenario.CreateAsync("concurrency");
        scenario.MaxConcurrentTransactions = 2;
        var running = 0;
        var peak = 0;
        using var release = new SemaphoreSlim(0);
        scenario.BeforeApplyAsync = async (_, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            try
            {
                await release.WaitAsync(token);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        };
        await scenario.StartAsync();

        // Twelve aggregates, so records wait on several partitions at once; every handler is held
        // until released, one at a time, each time the bound is reached.
        for (var i = 0; i < Records; i++)
        {
            await scenario.ProduceOrderPlacedAsync($"order-{i}", Guid.NewGuid(), 1);
        }

        for (var i = 0; i < Records; i++)
        {
            var expected = Math.Min(2, Records - i);
            await Eventually.WaitAsync(() => Task.FromResult(Volatile.Read(ref running) >= expected), $"{expected} handlers to be running");
            release.Release();
        }

        await scenario.WaitForLedgerAsync(Records, "every record to be applied");
        Assert.That(Volatile.Read(ref peak), Is.EqualTo(2), "transactions running at once, at most MaxConcurrentTransactions");

        static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var was && was != seen)
            {
                seen = was;
            }
        }
    }

    [Test]
    public async Task an_event_of_unknown_type_is_skipped_and_the_next_one_applied()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("unknown-type");
        await scenario.ProduceAsync("order-1", [], new Dictionary<string, string>
        {
            [OutboxHeaders.EventId] = Guid.CreateVersion7().ToString(),
            [OutboxHeaders.EventType] = "OrderTeleported",
        });
        await scenario.ProduceOrderPlacedAsync("order-1", Guid.CreateVersion7(), 2);

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(1, "the known event to be applied");

        Assert.That(await scenario.LedgerAsync(), Has.Count.EqualTo(1));
    }

    [TestCase(1, TestName = "each_aggregates_events_are_applied_in_order_across_partitions")]
    [TestCase(32, TestName = "each_aggregates_events_are_applied_in_order_across_partitions_in_batches")]
    public async Task each_aggregates_events_are_applied_in_order_across_partitions(int maxBatchSize)
    {
        await using var scenario = await ConsumerScenario.CreateAsync("ordering");
        scenario.MaxBatchSize = maxBatchSize;
        const int aggregates = 20, perAggregate = 25;
        for (var seq = 1; seq <= perAggregate; seq++)
        {
            for (var a = 0; a < aggregates; a++)
            {
                await scenario.ProduceOrderPlacedAsync($"order-{a}", Guid.CreateVersion7(), seq);
            }
        }

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(aggregates * perAggregate, "every event to be applied");

        var ledger = await scenario.LedgerAsync();
        foreach (var group in ledger.GroupBy(e => e.Aggregate))
        {
            Assert.That(group.Select(e => e.Sequence), Is.Ordered.And.Unique, $"events of {group.Key}");
        }
    }

    [TestCase("classic", TestName = "offsets_are_committed_once_effects_are_durable_and_a_restart_applies_nothing_twice")]
    [TestCase("consumer", TestName = "offsets_are_committed_once_effects_are_durable_and_a_restart_applies_nothing_twice_under_the_consumer_group_protocol")]
    public async Task offsets_are_committed_once_effects_are_durable_and_a_restart_applies_nothing_twice(string groupProtocol)
    {
        await using var scenario = await ConsumerScenario.CreateAsync("commit-" + groupProtocol);
        // KIP-848's protocol: the broker assigns incrementally; the host's revoke path must still commit.
        scenario.KafkaProperties["group.protocol"] = groupProtocol;
        for (var i = 0; i < 40; i++)
        {
            await scenario.ProduceOrderPlacedAsync($"order-{i}", Guid.CreateVersion7(), 1);
        }

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(40, "all events to be applied");
        await scenario.StopAsync();

        using (var probe = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = TestKafka.BootstrapServers, GroupId = scenario.Group }).Build())
        {
            var partitions = Enumerable.Range(0, TestKafka.DefaultPartitions).Select(p => new TopicPartition(scenario.Topic, p)).ToList();
            var committed = probe.Committed(partitions, TimeSpan.FromSeconds(10));
            long committedTotal = 0;
            foreach (var tpo in committed)
            {
                var high = probe.QueryWatermarkOffsets(tpo.TopicPartition, TimeSpan.FromSeconds(10)).High.Value;
                if (high > 0)
                {
                    Assert.That(tpo.Offset.Value, Is.EqualTo(high), $"committed offset of {tpo.TopicPartition}");
                    committedTotal += tpo.Offset.Value;
                }
            }

            Assert.That(committedTotal, Is.EqualTo(40));
        }

        await scenario.ProduceOrderPlacedAsync("order-after-restart", Guid.CreateVersion7(), 1);
        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(41, "the event produced after the restart");
        Assert.That(await scenario.LedgerAsync(), Has.Count.EqualTo(41));
    }

    [Test]
    public async Task a_consumer_killed_between_its_database_commit_and_its_offset_commit_skips_the_redelivery()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("commit-gap");
        for (var i = 0; i < 20; i++)
        {
            await scenario.ProduceOrderPlacedAsync($"order-{i}", Guid.CreateVersion7(), 1);
        }

        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(20, "all events to be applied");
        await scenario.StopAsync();
        // Exactly what a crash after the database commits but before the offset commits leaves
        // behind: effects durable, offsets at the start.
        scenario.RewindCommittedOffsets();
        Assert.That(scenario.CommittedToEnd(), Is.False);

        await scenario.StartAsync();
        await Eventually.WaitAsync(() => Task.FromResult(scenario.CommittedToEnd()), "the redelivered records to be processed", TimeSpan.FromSeconds(60));

        Assert.That(await scenario.LedgerAsync(), Has.Count.EqualTo(20), "every redelivery was recognised by the inbox");
    }

    [Test]
    public async Task an_attempt_that_fails_while_its_partition_is_revoked_is_abandoned_and_redone_by_the_next_owner()
    {
        await using var scenario = await ConsumerScenario.CreateAsync("revoke-failure");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failOnStop = true;
        scenario.BeforeApplyAsync = async (_, token) =>
        {
            if (!Volatile.Read(ref failOnStop))
            {
                return;
            }

            entered.TrySetResult();
            // Fails only once the worker is stopping, as a connection cut by a database restart
            // during a revocation does: not as a cancellation.
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            throw new NpgsqlException("Exception while reading from stream", new IOException("connection cut"));
        };
        await scenario.ProduceOrderPlacedAsync("order-1", Guid.CreateVersion7(), 1);

        await scenario.StartAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await scenario.StopAsync();

        Assert.That(scenario.Logs, Has.Some.Contains($"Consumer {scenario.Group} stopped"), "the poll loop ended normally, not on the attempt's failure");
        Assert.That(await scenario.LedgerAsync(), Is.Empty);
        Volatile.Write(ref failOnStop, false);
        await scenario.StartAsync();
        await scenario.WaitForLedgerAsync(1, "the abandoned event, redone by the next owner");
        Assert.That(await scenario.LedgerAsync(), Has.Count.EqualTo(1));
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
