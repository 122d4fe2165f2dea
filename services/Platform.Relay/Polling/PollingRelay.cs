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
        using var producer = RelayProducerFactory.Create(settings, _ => { });
        status.SetStreaming(true);
        logger.Polling(settings.PollingBatchSize);
        try
        {
            while (true)
            {
                var relayed = await RelayBatchAsync(session, producer, settings.PollingBatchSize, cancellationToken);
                if (relayed == 0)
                {
                    await Task.Delay(settings.PollingInterval, cancellationToken);
                }
            }
        }
        finally
        {
            status.SetStreaming(false);
        }
    }

    private async Task<int> RelayBatchAsync(NpgsqlConnection session, IProducer<byte[], byte[]> producer, int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await session.BeginTransactionAsync(cancellationToken);
        var rows = await ReadBatchAsync(session, transaction, batchSize, cancellationToken);
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var acks = new BatchAcks(rows.Count);
        foreach (var (row, occurredAt) in rows)
        {
            var record = builder.Build(row);
            await RelayProducerFactory.ProduceAsync(producer, record.Topic, record.Message, report =>
            {
                if (!report.Error.IsError)
                {
                    metrics.Acknowledged(occurredAt, DateTime.UtcNow);
                }

                acks.Report(report);
            }, cancellationToken);
        }

        // Delete only what Kafka acknowledged; a failure rolls the batch back (rows stay, produced again).
        await acks.WaitAsync(AckPatience, cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM outbox WHERE id = ANY($1)", session, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => Guid.Parse(r.Row.Id)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    private static async Task<List<(OutboxRow Row, DateTime OccurredAt)>> ReadBatchAsync(
        NpgsqlConnection session, NpgsqlTransaction transaction, int batchSize, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("""
            SELECT id, aggregatetype, aggregateid, type, payload, "timestamp", tracingspancontext, sequence
            FROM outbox
            ORDER BY "timestamp", aggregatetype, aggregateid, sequence
            LIMIT $1
            FOR UPDATE SKIP LOCKED
            """, session, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        var rows = new List<(OutboxRow, DateTime)>(batchSize);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var timestamp = DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc);
            rows.Add((new OutboxRow(
                reader.GetGuid(0).ToString(), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<byte[]>(4), OutboxRow.ToEpochMicros(timestamp),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetInt64(7).ToString(System.Globalization.CultureInfo.InvariantCulture)), timestamp));
        }

        return rows;
    }
}
