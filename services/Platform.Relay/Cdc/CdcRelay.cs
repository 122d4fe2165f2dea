using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql.Replication.PgOutput.Messages;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence.Outbox;
using Platform.Relay.Configuration;
using Platform.Relay.Kafka;
using Platform.Relay.Records;
using Platform.Relay;

namespace Platform.Relay.Cdc;

/// <summary>
/// Streams outbox inserts from a logical replication slot (pgoutput) to Kafka. One run holds the
/// slot lock, streams until cancelled or until an error, and returns; the hosted service
/// decides whether to run again. Guarantees (README "Guarantees"):
/// at-least-once, because an LSN is confirmed only after Kafka acknowledged everything up to it
/// (<see cref="AckTracker"/>); restart resumes from the confirmed LSN, because START_REPLICATION
/// is issued without a position and the server starts at the slot's confirmed_flush_lsn.
/// </summary>
public sealed class CdcRelay(
    IOptions<RelayOptions> options, OutboxRecordBuilder builder, RelayMetrics metrics, RelayStatus status, ILogger<CdcRelay> logger)
{
    private static readonly TimeSpan SlotBusyPatience = TimeSpan.FromSeconds(60);
    private volatile bool _draining;

    /// <summary>Relays until <paramref name="cancellationToken"/> fires (returns) or an error (throws).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _draining = false;
        await using var session = new NpgsqlConnection(SlotLock.SessionConnectionString(settings.ConnectionString!));
        await session.OpenAsync(cancellationToken);
        await SlotLock.AcquireAsync(session, settings.SlotName, logger, cancellationToken);
        await ReplicationSetup.EnsureAsync(session, settings, logger, cancellationToken);

        var tracker = new AckTracker(metrics);
        var monitor = new SlotMonitor(settings, tracker, metrics, logger);
        using var producer = RelayProducerFactory.Create(settings, error =>
            tracker.Fail(new RelayFatalException($"The Kafka producer hit a fatal error ({error.Code}: {error.Reason}); fix Kafka or the producer settings and restart.")));
        await using var replication = new LogicalReplicationConnection(settings.ConnectionString)
        {
            WalReceiverStatusInterval = settings.ConfirmInterval,
        };
        await replication.Open(cancellationToken);

        // The stream gets its own token: on shutdown it keeps running until the final confirm
        // has been sent on its connection (a status update needs the COPY stream open).
        using var stop = new CancellationTokenSource();
        var tasks = new[]
        {
            StreamAsync(replication, producer, tracker, monitor, settings, stop.Token),
            ConfirmLoopAsync(replication, tracker, settings, stop.Token),
            monitor.RunAsync(session, stop.Token),
        };
        status.SetStreaming(true);
        logger.Streaming(settings.SlotName, settings.PublicationName);
        try
        {
            var first = await Task.WhenAny(tasks.Append(Task.Delay(Timeout.Infinite, cancellationToken)));
            if (first.IsCanceled && cancellationToken.IsCancellationRequested)
            {
                await DrainAsync(replication, producer, tracker);
            }
        }
        finally
        {
            status.SetStreaming(false);
            await stop.CancelAsync();
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        // Surface the first real failure; cancellation of the siblings is not one.
        var failed = tasks.FirstOrDefault(t => t.IsFaulted);
        if (failed is not null && !cancellationToken.IsCancellationRequested)
        {
            await failed;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("The replication stream ended unexpectedly.");
    }

    // Graceful stop: stop producing, wait for Kafka's acks, confirm what was acked.
    private async Task DrainAsync(LogicalReplicationConnection replication, IProducer<byte[], byte[]> producer, AckTracker tracker)
    {
        _draining = true;
        await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(10)));
        replication.SetReplicationStatus(tracker.Confirmable);
        await replication.SendStatusUpdate(CancellationToken.None);
        logger.Stopped(tracker.Confirmable);
    }

    private async Task StreamAsync(
        LogicalReplicationConnection replication, IProducer<byte[], byte[]> producer, AckTracker tracker, SlotMonitor monitor,
        RelayOptions settings, CancellationToken cancellationToken)
    {
        var slot = new PgOutputReplicationSlot(settings.SlotName);
        // Protocol v1, text values; messages=true delivers the heartbeats.
        var pgOptions = new PgOutputReplicationOptions(settings.PublicationName, PgOutputProtocolVersion.V1, binary: false, messages: true);
        var waitingSince = DateTime.UtcNow;
        while (true)
        {
            try
            {
                await ConsumeAsync(replication.StartReplication(slot, pgOptions, cancellationToken), producer, tracker, monitor, cancellationToken);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && DateTime.UtcNow - waitingSince < SlotBusyPatience)
            {
                // The previous holder's walsender has not exited yet (it lost its session a moment ago).
                logger.SlotBusy(settings.SlotName);
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (PostgresException ex) when (SlotHealth.IsLostError(ex))
            {
                throw new RelayFatalException(SlotHealth.LostMessage(settings.SlotName), ex);
            }
        }
    }

    private async Task ConsumeAsync(
        IAsyncEnumerable<PgOutputReplicationMessage> messages, IProducer<byte[], byte[]> producer, AckTracker tracker, SlotMonitor monitor,
        CancellationToken cancellationToken)
    {
        // Each transaction's inserts are buffered from BEGIN to COMMIT and produced only when the
        // commit arrives, so a stream cut mid-transaction never leaves part of one in Kafka.
        var transaction = new List<OutboxRecord>();
        var committedAt = DateTime.UtcNow;
        await foreach (var message in messages)
        {
            tracker.ThrowIfFailed();
            if (_draining)
            {
                continue; // never registered, so never confirmed: redelivered after the restart
            }

            switch (message)
            {
                case BeginMessage begin:
                    transaction.Clear();
                    committedAt = begin.TransactionCommitTimestamp;
                    break;
                case InsertMessage insert when IsOutbox(insert.Relation):
                    transaction.Add(builder.Build(await OutboxRowDecoder.DecodeAsync(insert, cancellationToken)));
                    monitor.Touch();
                    break;
                case UpdateMessage update when IsOutbox(update.Relation):
                    logger.UpdateIgnored();
                    break;
                case CommitMessage commit:
                    if (transaction.Count > 0)
                    {
                        metrics.Read(committedAt, DateTime.UtcNow);
                    }

                    await ProduceTransactionAsync(producer, tracker, commit.TransactionEndLsn, committedAt, transaction, cancellationToken);
                    transaction.Clear();
                    break;
                case LogicalDecodingMessage { Prefix: SlotMonitor.HeartbeatPrefix } heartbeat when (heartbeat.Flags & 1) == 0:
                    // Everything before the heartbeat was already received; once it is acked too,
                    // the heartbeat's own LSN can be confirmed.
                    tracker.Begin(heartbeat.MessageLsn, DateTime.UtcNow, records: 0);
                    break;
                default:
                    break; // DELETEs (cleanup) and other tables' changes are not events
            }
        }
    }

    private static async Task ProduceTransactionAsync(
        IProducer<byte[], byte[]> producer, AckTracker tracker, NpgsqlLogSequenceNumber endLsn, DateTime committedAt,
        List<OutboxRecord> records, CancellationToken cancellationToken)
    {
        var pending = tracker.Begin(endLsn, committedAt, records.Count);
        void OnDelivered(DeliveryReport<byte[], byte[]> report) => tracker.OnDelivered(pending, report);
        foreach (var record in records)
        {
            // Produced in commit order; the idempotent producer keeps that order per partition
            // across retries, so one aggregate's events stay in order.
            await RelayProducerFactory.ProduceAsync(producer, record, OnDelivered, cancellationToken);
        }
    }

    private async Task ConfirmLoopAsync(LogicalReplicationConnection replication, AckTracker tracker, RelayOptions settings, CancellationToken cancellationToken)
    {
        // Confirm at least every ConfirmInterval (<= 1 s) while progressing: the confirmed LSN is
        // where a restart resumes, so this bounds the duplicates a crash can cause.
        var confirmed = default(NpgsqlLogSequenceNumber);
        using var timer = new PeriodicTimer(settings.ConfirmInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            tracker.ThrowIfFailed();
            var confirmable = tracker.Confirmable;
            if (confirmable > confirmed)
            {
                replication.SetReplicationStatus(confirmable);
                await replication.SendStatusUpdate(cancellationToken);
                confirmed = confirmable;
                logger.Confirmed(confirmable, settings.SlotName);
            }
        }
    }

    private static bool IsOutbox(RelationMessage relation) => relation.RelationName == OutboxMigrations.Table;
}
