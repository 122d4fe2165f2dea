using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Platform.Contracts;
using Platform.Operations.Replay;

namespace Fault.Harness;

/// <summary>
/// Reads every record of the event topics while the run goes on, from the first record on, and
/// remembers each event id (<c>id</c> header) it saw and how often. The ledger's "every committed
/// event reached Kafka" is checked against what the tap saw, not against what the broker still
/// holds at the end: any broker drops the oldest records of a long enough run (the mock cluster
/// keeps at most 5 MiB or 100,000 message sets per partition). Partitions are assigned directly
/// (no consumer group, nothing committed), so a Kafka outage cannot make the tap re-read or skip;
/// new topics and partitions are picked up within a second. Offsets the broker dropped before
/// the tap read them are counted (<see cref="SkippedOffsets"/>), so a miss is attributed.
/// </summary>
public sealed class DeliveryTap : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private readonly string _bootstrapServers;
    private readonly string[] _topics;
    private readonly ConcurrentDictionary<Guid, int> _deliveries = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _records;
    private long _skipped;
    private volatile Exception? _failure;

    private DeliveryTap(string bootstrapServers, IEnumerable<string> topics)
    {
        _bootstrapServers = bootstrapServers;
        _topics = [.. topics];
        _thread = new Thread(Run) { IsBackground = true, Name = "delivery tap" };
    }

    /// <summary>Starts reading <paramref name="topics"/> from their beginning.</summary>
    public static DeliveryTap Start(string bootstrapServers, IEnumerable<string> topics)
    {
        var tap = new DeliveryTap(bootstrapServers, topics);
        tap._thread.Start();
        return tap;
    }

    /// <summary>Records read so far.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Offsets the broker no longer held when the tap came to read them (it fell behind retention).</summary>
    public long SkippedOffsets => Interlocked.Read(ref _skipped);

    /// <summary>Records whose event id the tap had already seen (a relay's at-least-once redelivery).</summary>
    public long DuplicateRecords => _deliveries.Values.Sum(n => (long)n - 1);

    /// <summary>True when a record carrying <paramref name="eventId"/> was read; throws when the tap stopped on an error.</summary>
    public bool Saw(Guid eventId) =>
        _failure is { } failure ? throw new InvalidOperationException("The delivery tap stopped: " + failure.Message, failure) : _deliveries.ContainsKey(eventId);

    private void Run()
    {
        try
        {
            using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = _bootstrapServers,
                // Required by the client, never joined: partitions are assigned, offsets never committed.
                GroupId = "fault-harness-tap",
                EnableAutoCommit = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnablePartitionEof = false,
            }).SetLogHandler(HarnessKafkaLog.Write).Build();
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _bootstrapServers }).SetLogHandler(HarnessKafkaLog.Write).Build();
            var next = new Dictionary<TopicPartition, long>();
            var refreshed = DateTime.MinValue;
            while (!_stop.IsCancellationRequested)
            {
                if (DateTime.UtcNow - refreshed >= Refresh)
                {
                    refreshed = DateTime.UtcNow;
                    var added = TryListPartitions(admin).Where(tp => !next.ContainsKey(tp)).ToList();
                    foreach (var partition in added)
                    {
                        next[partition] = 0;
                    }

                    if (added.Count > 0)
                    {
                        consumer.IncrementalAssign(added.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
                    }
                }

                ConsumeResult<Ignore, Ignore>? record;
                try
                {
                    record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    // E.g. brokers unreachable during a Kafka fault: the client reconnects by itself.
                    continue;
                }

                if (record?.Message is null)
                {
                    continue;
                }

                // Offsets are contiguous (no transactions): a jump is what the broker dropped first.
                if (record.Offset.Value > next[record.TopicPartition])
                {
                    Interlocked.Add(ref _skipped, record.Offset.Value - next[record.TopicPartition]);
                }

                next[record.TopicPartition] = record.Offset.Value + 1;
                Interlocked.Increment(ref _records);
                if (record.Message.Headers.TryGetLastBytes(OutboxHeaders.EventId, out var id) && Guid.TryParse(Encoding.UTF8.GetString(id), out var eventId))
                {
                    _deliveries.AddOrUpdate(eventId, 1, (_, n) => n + 1);
                }
            }

            consumer.Close();
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }

    // While Kafka is unreachable (a fault), the partitions known so far are kept.
    private List<TopicPartition> TryListPartitions(IAdminClient admin)
    {
        try
        {
            return ExistingPartitions.Of(admin, _topics, TimeSpan.FromSeconds(2));
        }
        catch (KafkaException)
        {
            return [];
        }
    }

    /// <summary>Stops reading.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
