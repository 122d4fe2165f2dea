using System.Net.Http;
using System.Text.Json;
using Confluent.Kafka.Admin;
using Confluent.Kafka;
using Npgsql;
using Platform.Operations.Source;
using Platform.Operations;

namespace Platform.Dashboard.Internals;

/// <summary>
/// Takes the figures of a <see cref="DashboardSnapshot"/>, at most one sample at a time and at
/// most one every <see cref="Fresh"/>: any number of open pages share the same samples, and a
/// topic's rate is the growth of its end offset between two consecutive samples. A source that
/// cannot be read is named in <see cref="DashboardSnapshot.Errors"/>; the others are still shown.
/// </summary>
internal sealed class SnapshotSampler(DashboardOptions options, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMilliseconds(500);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly KafkaFigures _kafka = new(options.BootstrapServers);
    private readonly OrderStatsReader _orders = new(options);
    private readonly DeadLetterTable _deadLetters = new(options);
    private DashboardSnapshot? _last;
    private Dictionary<string, long> _previousEnds = new(StringComparer.Ordinal);
    private DateTimeOffset _previousAt;

    /// <summary>The current figures (a sample younger than <see cref="Fresh"/> is reused).</summary>
    public async Task<DashboardSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_last is not null && now - _last.At < Fresh)
            {
                return _last;
            }

            var errors = new List<string>();
            var orders = await OrdersAsync(errors, cancellationToken);
            var slots = await SlotsAsync(errors, cancellationToken);
            var (topics, lag, deadLetters) = await KafkaAsync(now, errors, cancellationToken);
            _last = new DashboardSnapshot(now, orders, topics, slots, lag, deadLetters, errors);
            return _last;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, long>?> OrdersAsync(List<string> errors, CancellationToken cancellationToken)
    {
        try
        {
            return await _orders.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            errors.Add($"orders (GET {options.OrdersApiUrl}stats): {ex.Message}");
            return null;
        }
    }

    private async Task<IReadOnlyList<SlotFigures>> SlotsAsync(List<string> errors, CancellationToken cancellationToken)
    {
        if (options.PostgresConnectionString is null)
        {
            return [];
        }

        try
        {
            // The query of `platform relay slot`.
            var slots = await ReplicationSlots.ReadAsync(options.PostgresConnectionString, null, cancellationToken);
            return slots.Where(s => options.SlotNames.Count == 0 || options.SlotNames.Contains(s.Name))
                .Select(s => new SlotFigures(s.Name, s.Database, s.Active, s.LagBytes, s.RetainedBytes, s.WalStatus)).ToList();
        }
        catch (NpgsqlException ex)
        {
            errors.Add($"replication slots (PostgreSQL): {ex.Message}");
            return [];
        }
    }

    private async Task<(IReadOnlyList<TopicFigures>, IReadOnlyList<ConsumerLag>, DeadLetterFigures)> KafkaAsync(
        DateTimeOffset now, List<string> errors, CancellationToken cancellationToken)
    {
        var noDeadLetters = new DeadLetterFigures(0, new Dictionary<string, long>(), []);
        try
        {
            var dlqTopics = options.DeadLetterTopics();
            var partitions = _kafka.Partitions(options.Topics.Concat(dlqTopics.Values));
            var ends = await _kafka.OffsetsAsync(partitions, OffsetSpec.Latest());
            var events = ends.Where(e => options.Topics.Contains(e.Key.Topic)).ToDictionary();
            var parked = ends.Where(e => !options.Topics.Contains(e.Key.Topic)).ToDictionary();
            var starts = await _kafka.OffsetsAsync([.. parked.Keys], OffsetSpec.Earliest());
            var lag = await _kafka.LagAsync(options.ConsumerGroups, events);
            var topics = Rates(now, events);

            var byConsumer = dlqTopics.ToDictionary(
                d => d.Key, d => parked.Where(p => p.Key.Topic == d.Value).Sum(p => p.Value - starts.GetValueOrDefault(p.Key)), StringComparer.Ordinal);
            IReadOnlyList<DeadLetterEntry> latest = [];
            try
            {
                latest = await _deadLetters.LatestAsync(parked, cancellationToken);
            }
            catch (Exception ex) when (ex is ReplayException or KafkaException)
            {
                errors.Add($"dead letters (Kafka): {ex.Message}");
            }

            return (topics, lag, new DeadLetterFigures(byConsumer.Values.Sum(), byConsumer, latest));
        }
        catch (KafkaException ex)
        {
            errors.Add($"Kafka ({options.BootstrapServers}): {ex.Message}");
            return ([], [], noDeadLetters);
        }
    }

    private List<TopicFigures> Rates(DateTimeOffset now, Dictionary<TopicPartition, long> ends)
    {
        var totals = options.Topics.ToDictionary(t => t, t => ends.Where(e => e.Key.Topic == t).Sum(e => e.Value), StringComparer.Ordinal);
        var seconds = _previousEnds.Count == 0 ? 0 : (now - _previousAt).TotalSeconds;
        var figures = totals.Select(t => new TopicFigures(t.Key, t.Value,
            seconds > 0 && _previousEnds.TryGetValue(t.Key, out var before) ? Math.Max(0, t.Value - before) / seconds : null)).ToList();
        _previousEnds = totals;
        _previousAt = now;
        return figures;
    }

    public void Dispose()
    {
        _kafka.Dispose();
        _orders.Dispose();
        _gate.Dispose();
    }
}
