using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Persistence.Outbox;
using Platform.Relay.Cdc;
using Platform.Relay.Configuration;
using Platform.Relay.Kafka;
using Platform.Relay.Records;
using Platform.Relay;

namespace Platform.Relay.Polling;

/// <summary>
/// Relays by polling the outbox table, for databases where logical replication is not allowed.
/// Same records as CDC mode (same <see cref="OutboxRecordBuilder"/>). Each batch is one
/// transaction: lock the oldest rows (<c>FOR UPDATE SKIP LOCKED</c>), produce them, wait until
/// Kafka acknowledged every one, delete them, commit. A crash before the commit leaves the rows
/// in place, so they are produced again: at-least-once. Per-aggregate order: a single poller
/// runs at a time (the same session lock CDC mode takes), and rows are taken in
/// ("timestamp", aggregatetype, aggregateid, sequence) order; an aggregate's sequence follows its
/// event time, so its events leave in sequence order. (Two concurrent pollers with SKIP LOCKED
/// would interleave one aggregate's events across batches, hence the lock.)
/// Two batches overlap, on two connections: while one waits for its acknowledgements and is
/// deleted and committed, the next is read (its SKIP LOCKED passes over the rows the first still
/// holds) and produced. Batches are produced in order and finish in order; the idempotent
/// producer never lets a later record of a partition succeed after an earlier one failed, so a
/// failed batch and everything after it stay in the table and are produced again, in order.
/// </summary>
public sealed class PollingRelay(
    IOptions<RelayOptions> options, OutboxRecordBuilder builder, RelayMetrics metrics, RelayStatus status, ILogger<PollingRelay> logger)
{
    private static readonly TimeSpan AckPatience = TimeSpan.FromMinutes(5);

    /// <summary>Relays until <paramref name="cancellationToken"/> fires (throws <see cref="OperationCanceledException"/>) or an error.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var session = new NpgsqlConnection(SlotLock.SessionConnectionString(settings.ConnectionString!));
        await session.OpenAsync(cancellationToken);
        if (await OutboxCleanup.IsDeleteAfterInsertAsync(session, cancellationToken))
        {
            throw new RelayFatalException("Relay:Mode is Polling but the outbox runs in DeleteAfterInsert mode: every row is deleted in " +
                                          "its own transaction, so a poller never sees one. Use Relay:Mode=Cdc, or set the outbox's " +
                                          "Outbox:CleanupMode to Retain.");
        }

        await SlotLock.AcquireAsync(session, settings.SlotName, logger, cancellationToken);
        // The batches' connections, opened only once this relay holds the lock.
        await using var first = new NpgsqlConnection(SlotLock.SessionConnectionString(settings.ConnectionString!));
        await using var second = new NpgsqlConnection(SlotLock.SessionConnectionString(settings.ConnectionString!));
        await first.OpenAsync(cancellationToken);
        await second.OpenAsync(cancellationToken);
        using var producer = RelayProducerFactory.Create(settings, _ => { });
        status.SetStreaming(true);
        logger.Polling(settings.PollingBatchSize);
        Task? finishing = null;
        try
        {
            for (var turn = 0; ; turn++)
            {
                // The connection of the batch before the previous one: that batch has finished.
                var batch = await StartBatchAsync(turn % 2 == 0 ? first : second, producer, settings.PollingBatchSize, cancellationToken);
                if (finishing is not null)
                {
                    var previous = finishing;
                    finishing = null;
                    try
                    {
                        await previous;
                    }
                    catch when (batch is not null)
                    {
                        // The batch after a failed one is not committed either.
                        await batch.Transaction.DisposeAsync();
                        throw;
                    }
                }

                if (batch is null)
                {
                    await Task.Delay(settings.PollingInterval, cancellationToken);
                }
                else
                {
                    finishing = batch.FinishAsync(cancellationToken);
                }
            }
        }
        finally
        {
            status.SetStreaming(false);
            if (finishing is not null)
            {
                // Its connection is disposed next; what it did not commit is rolled back and produced again later.
                await finishing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    // Reads the oldest rows nobody holds and produces them; null (transaction ended) when there are none.
    private async Task<Batch?> StartBatchAsync(NpgsqlConnection connection, IProducer<byte[], byte[]> producer, int batchSize, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var rows = await ReadBatchAsync(connection, transaction, batchSize, cancellationToken);
            if (rows.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
                return null;
            }

            var acks = new BatchAcks(rows.Count);
            foreach (var (row, occurredAt) in rows)
            {
                var record = builder.Build(row);
                await RelayProducerFactory.ProduceAsync(producer, record, report =>
                {
                    if (!report.Error.IsError)
                    {
                        metrics.Acknowledged(occurredAt, DateTime.UtcNow);
                    }

                    acks.Report(report);
                }, cancellationToken);
            }

            return new Batch(transaction, rows.Select(r => Guid.Parse(r.Row.Id)).ToArray(), acks);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>A produced batch: its rows are still locked by <see cref="Transaction"/>.</summary>
    private sealed record Batch(NpgsqlTransaction Transaction, Guid[] Ids, BatchAcks Acks)
    {
        /// <summary>Deletes only what Kafka acknowledged; a failure rolls the batch back (rows stay, produced again).</summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            await using var transaction = Transaction;
            await Acks.WaitAsync(AckPatience, cancellationToken);
            await OutboxStore.DeleteAsync(transaction.Connection!, transaction, Ids, cancellationToken);

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<List<(OutboxRow Row, DateTime OccurredAt)>> ReadBatchAsync(
        NpgsqlConnection session, NpgsqlTransaction transaction, int batchSize, CancellationToken cancellationToken)
    {
        var rows = await OutboxStore.LockOldestAsync(session, transaction, batchSize, cancellationToken);
        return rows.Select(r => (new OutboxRow(
            r.Id.ToString(), r.AggregateType, r.AggregateId, r.Type, r.Payload, OutboxRow.ToEpochMicros(r.Timestamp),
            r.TracingSpanContext, r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), r.Timestamp)).ToList();
    }
}
