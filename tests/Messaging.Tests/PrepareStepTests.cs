using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts;
using Platform.Kafka.DeadLetters;
using Platform.Messaging.Consuming;
using Platform.Contracts.Orders.V1;

namespace Messaging.Tests;

/// <summary>
/// A consumer with a Prepare step: the step runs once per transaction with exactly the events
/// the inbox has not seen, handlers read the change tracker (what the step loaded plus what
/// earlier handlers of the batch added), and the whole batch is saved and committed together.
/// Records are handed to the processor directly, so the batch is exactly the one under test.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PrepareStepTests
{
    [Test]
    public async Task a_batch_is_prepared_once_and_each_handler_sees_the_effects_of_the_ones_before_it()
    {
        await using var world = await World.CreateAsync("prepare-batch");
        var first = world.Record("order-a", offset: 0);
        var second = world.Record("order-a", offset: 1);
        var other = world.Record("order-b", offset: 2);

        await world.Processor.ProcessAsync([first, second, other], new SequenceTracker(), CancellationToken.None);

        Assert.That(world.Prepared, Has.Count.EqualTo(1), "one Prepare call for the batch");
        Assert.That(world.Prepared[0], Is.EqualTo(new[] { first, second, other }.Select(EventId)));
        // The ledger's sequence is the number of entries the handler saw for its aggregate plus one:
        // the second order-a handler saw the first one's unsaved entry in the change tracker.
        Assert.That(await world.LedgerAsync(), Is.EquivalentTo(new[] { ("order-a", 1L), ("order-a", 2L), ("order-b", 1L) }));
    }

    [Test]
    public async Task a_later_batch_reads_what_earlier_ones_committed_and_duplicates_are_never_prepared()
    {
        await using var world = await World.CreateAsync("prepare-redelivery");
        var first = world.Record("order-a", offset: 0);
        await world.Processor.ProcessAsync([first], new SequenceTracker(), CancellationToken.None);
        var next = world.Record("order-a", offset: 1);

        await world.Processor.ProcessAsync([first, next], new SequenceTracker(), CancellationToken.None);
        await world.Processor.ProcessAsync([first, next], new SequenceTracker(), CancellationToken.None);

        Assert.That(world.Prepared, Has.Count.EqualTo(2), "the fully redelivered batch needs no Prepare");
        Assert.That(world.Prepared[1], Is.EqualTo(new[] { EventId(next) }), "only the new event is prepared");
        Assert.That(await world.LedgerAsync(), Is.EquivalentTo(new[] { ("order-a", 1L), ("order-a", 2L) }));
    }

    [Test]
    public async Task an_event_prepare_rejects_is_parked_and_the_rest_of_its_batch_is_applied()
    {
        await using var world = await World.CreateAsync("prepare-poison");
        var good = world.Record("order-a", offset: 0);
        var poison = world.Record(World.Rejected, offset: 1);
        var after = world.Record("order-b", offset: 2);

        await world.Processor.ProcessAsync([good, poison, after], new SequenceTracker(), CancellationToken.None);

        Assert.That(await world.LedgerAsync(), Is.EquivalentTo(new[] { ("order-a", 1L), ("order-b", 1L) }));
        var parked = TestKafka.ReadFromStart(DeadLetterHeaders.TopicFor(world.Group), 1).Single();
        Assert.That(Encoding.UTF8.GetString(parked.Message.Headers.GetLastBytes(OutboxHeaders.EventId)), Is.EqualTo(EventId(poison).ToString()));
    }

    private static Guid EventId(ConsumeResult<byte[]?, byte[]?> record) =>
        Guid.Parse(Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(OutboxHeaders.EventId)));

    /// <summary>A database with inbox and ledger, and a processor whose Prepare step loads the ledger entries of the batch's aggregates.</summary>
    private sealed class World : IAsyncDisposable
    {
        public const string Rejected = "rejected-by-prepare";

        private readonly TestDatabase _database;
        private readonly ServiceProvider _services;
        private readonly DeadLetterPublisher _deadLetters;
        private readonly ConsumerMetrics _metrics = new();
        private readonly string _topic;

        private World(TestDatabase database, string topic, string group)
        {
            _database = database;
            _topic = topic;
            Group = group;
            _services = new ServiceCollection()
                .AddDbContext<LedgerContext>(o => o.UseNpgsql(database.ConnectionString))
                .BuildServiceProvider();
            _deadLetters = new DeadLetterPublisher(TestKafka.BootstrapServers, TimeProvider.System, NullLogger<DeadLetterPublisher>.Instance);
            var handlers = new EventHandlerRegistry<LedgerContext>()
                .Prepare(async (db, events, ct) =>
                {
                    var aggregates = events.Select(e => e.AggregateId).ToList();
                    Prepared.Add([.. events.Select(e => e.EventId)]);
                    if (aggregates.Contains(Rejected))
                    {
                        throw new InvalidEventException("this aggregate is rejected");
                    }

                    await db.Entries.Where(e => aggregates.Contains(e.Aggregate)).LoadAsync(ct);
                })
                .On(OrderEventTypes.OrderPlaced, OrderPlaced.Parser, (db, placed, consumed, _) =>
                {
                    var seen = db.Entries.Local.Count(e => e.Aggregate == placed.OrderId);
                    db.Entries.Add(new LedgerEntry { Aggregate = placed.OrderId, EventId = consumed.EventId, Sequence = seen + 1 });
                    return Task.CompletedTask;
                });
            Processor = new RecordProcessor<LedgerContext>(
                group, _services.GetRequiredService<IServiceScopeFactory>(), handlers, _deadLetters,
                new ConsumerOptions { MaxAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(10) }, _metrics, TimeProvider.System, NullLogger.Instance);
        }

        public string Group { get; }

        public RecordProcessor<LedgerContext> Processor { get; }

        /// <summary>The event ids of every Prepare call, in call order.</summary>
        public List<List<Guid>> Prepared { get; } = [];

        public static async Task<World> CreateAsync(string purpose)
        {
            var database = await LedgerContext.CreateDatabaseAsync(purpose);

            return new World(database, TestNames.Unique(purpose), TestNames.Unique("group"));
        }

        /// <summary>An OrderPlaced record of <paramref name="orderId"/> as the relays write it, with a fresh event id.</summary>
        public ConsumeResult<byte[]?, byte[]?> Record(string orderId, long offset)
        {
            var headers = new Headers
            {
                { OutboxHeaders.EventId, Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
                { OutboxHeaders.EventType, Encoding.UTF8.GetBytes(OrderEventTypes.OrderPlaced) },
                { OutboxHeaders.Sequence, Encoding.UTF8.GetBytes((offset + 1).ToString(CultureInfo.InvariantCulture)) },
            };
            return new ConsumeResult<byte[]?, byte[]?>
            {
                TopicPartitionOffset = new TopicPartitionOffset(_topic, 0, offset),
                Message = new Message<byte[]?, byte[]?>
                {
                    Key = Encoding.UTF8.GetBytes(orderId),
                    Value = new OrderPlaced { OrderId = orderId, CustomerId = "c-1", Currency = "EUR" }.ToByteArray(),
                    Headers = headers,
                    Timestamp = new Timestamp(DateTime.UtcNow),
                },
            };
        }

        /// <summary>(aggregate, sequence) of every ledger entry.</summary>
        public async Task<List<(string, long)>> LedgerAsync() =>
            await TestSql.QueryAsync(_database.ConnectionString, "SELECT aggregate, sequence FROM ledger_entries", r => (r.GetString(0), r.GetInt64(1)));

        public async ValueTask DisposeAsync()
        {
            Processor.Dispose();
            _deadLetters.Dispose();
            _metrics.Dispose();
            await _services.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
