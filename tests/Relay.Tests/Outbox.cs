using Npgsql;
using Platform.Persistence.Outbox;

namespace Relay.Tests;

/// <summary>Writes outbox rows the way services do (the consumer host's single-statement insert), inside the caller's transaction.</summary>
internal static class Outbox
{
    public static Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<TestEvent> events, CancellationToken cancellationToken = default) =>
        OutboxBulkInsert.InsertAsync(connection, transaction, [.. events.Select(e => new OutboxMessage
        {
            Id = e.Id,
            AggregateType = e.AggregateType,
            AggregateId = e.AggregateId,
            Type = e.Type,
            Payload = e.Payload,
            Timestamp = e.Timestamp,
            TracingSpanContext = e.TracingSpanContext,
            Sequence = e.Sequence,
        })], cancellationToken);

    public static async Task InsertCommittedAsync(string connectionString, IReadOnlyList<TestEvent> events, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, events, cancellationToken);
    }
}
